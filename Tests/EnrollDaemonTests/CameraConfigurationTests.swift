import Camera
import Foundation
import Testing
import TestSupport
@testable import EnrollDaemon

/// The `camera` section: read, range-checked, and turned into the camera's format policy.
@Suite struct CameraConfigurationTests {
    @Test func cameraKeysAreReadAndDocumented() throws {
        let yaml = "version: 1\ncamera: {minimum_width: 800, minimum_height: 600, preferred_width: 1920, preferred_height: 1080, frames_per_second: 30}\n"
        let camera = try ConfigurationLoader.parse(Data(yaml.utf8), file: "f.yaml", relativeTo: "/").camera
        let policy = camera.formatPolicy
        #expect(policy.minimum.width == 800 && policy.minimum.height == 600)
        #expect(policy.preferred.width == 1920 && policy.preferred.height == 1080 && policy.framesPerSecond == 30)
        let sample = try String(contentsOf: BuiltProducts.repositoryRoot.appendingPathComponent("config/enrolld.yaml"), encoding: .utf8)
        for key in ["camera", "minimum_width", "minimum_height", "preferred_width", "preferred_height", "frames_per_second"] {
            #expect(sample.contains("\n  \(key):") || sample.contains("\n\(key):"), "config/enrolld.yaml does not document \(key)")
        }
    }

    @Test func outOfRangeRateIsRefusedWithItsKey() {
        let yaml = "version: 1\ncamera:\n  frames_per_second: 500\n"
        let error = #expect(throws: (any Error).self) {
            try ConfigurationLoader.parse(Data(yaml.utf8), file: "f.yaml", relativeTo: "/")
        }
        #expect("\(error.map { "\($0)" } ?? "")".contains("camera.frames_per_second: expected an integer from 1 to 120, found 500"), "\(String(describing: error))")
    }
}
