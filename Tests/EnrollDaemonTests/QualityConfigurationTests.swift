import FaceAnalysis
import FingerprintQuality
import Foundation
import Testing
import TestSupport
@testable import EnrollDaemon

/// The `quality` section: read, range-checked, documented, and handed to the assessors.
@Suite struct QualityConfigurationTests {
    static let keys = [
        "quality", "finger_minimum_score", "finger_model", "face_minimum_score", "face_landmark_model", "face_detection_width",
        "face_minimum_eye_distance", "face_maximum_yaw", "face_maximum_pitch", "face_maximum_roll",
        "face_minimum_eye_opening", "face_maximum_mouth_opening", "face_minimum_brightness", "face_maximum_brightness",
        "face_minimum_dynamic_range", "face_maximum_clipped", "face_minimum_sharpness", "face_minimum_illumination_balance",
        "face_maximum_background_deviation", "face_maximum_centre_offset", "face_maximum_blockiness", "face_minimum_face_share",
        "face_minimum_eye_height", "face_maximum_eye_height",
    ]

    @Test func everyKeyIsDocumentedInTheSample() throws {
        let sample = try String(contentsOf: BuiltProducts.repositoryRoot.appendingPathComponent("config/enrolld.yaml"), encoding: .utf8)
        for key in Self.keys {
            #expect(sample.contains("\n  \(key):") || sample.contains("\n\(key):"), "config/enrolld.yaml does not document \(key)")
        }
    }

    @Test func valuesAreReadAndReachTheAssessors() throws {
        let yaml = """
            version: 1
            quality:
              finger_minimum_score: 55
              face_minimum_score: 70
              face_landmark_model: models/landmarks.dat
              finger_model: models/forest.yaml
              face_minimum_eye_distance: 120
              face_maximum_yaw: 3.5
              face_maximum_roll: 6
              face_detection_width: 0
            """
        let quality = try ConfigurationLoader.parse(Data(yaml.utf8), file: "f.yaml", relativeTo: "/etc/enrolld").quality
        #expect(quality.fingerMinimumScore == 55)
        #expect(quality.fingerprintQuality.minimumScore == 55)
        #expect(quality.face.minimumScore == 70)
        #expect(quality.faceLandmarkModel == "/etc/enrolld/models/landmarks.dat")
        #expect(quality.fingerModel == "/etc/enrolld/models/forest.yaml")
        #expect(DaemonConfiguration.Quality().fingerModel == "/usr/share/enrolld/nfiq2-forest.yaml")
        #expect(quality.face.minimumEyeDistance == 120)
        #expect(quality.face.maximumYaw == 3.5)
        #expect(quality.face.maximumRoll == 6)
        #expect(quality.face.maximumPitch == FaceLimits().maximumPitch)
        #expect(quality.face.detectionWidth == 0)
        // The model path is missing here: the analyzer says so instead of failing later.
        let error = #expect(throws: FaceAnalysisError.self) { try quality.faceAnalyzer() }
        #expect(error?.isModelMissing == true)
    }

    @Test(arguments: [
        ("finger_minimum_score: 101", "quality.finger_minimum_score: expected an integer from 0 to 100, found 101"),
        ("face_maximum_yaw: -1", "quality.face_maximum_yaw: expected a number from 0.0 to 90.0, found -1.0"),
        ("face_maximum_yaw: fast", "quality.face_maximum_yaw: expected a number from 0.0 to 90.0"),
        ("face_maximum_clipped: .nan", "quality.face_maximum_clipped: expected a number from 0.0 to 1.0"),
        ("face_eye_distance: 90", "face_eye_distance"),
    ])
    func badValuesAreRefusedWithTheirKey(_ line: String, _ message: String) {
        let yaml = "version: 1\nquality:\n  \(line)\n"
        let error = #expect(throws: (any Error).self) {
            try ConfigurationLoader.parse(Data(yaml.utf8), file: "f.yaml", relativeTo: "/")
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains(message), "\(String(describing: error))")
    }
}
