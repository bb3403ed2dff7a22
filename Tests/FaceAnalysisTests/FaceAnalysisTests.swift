import FaceAnalysis
import Foundation
import Imaging
import Testing
import TestSupport

/// The ICAO checks on the fixture portrait and on degradations made here: each degradation
/// must fail the check that names its defect.
@Suite(.enabled(if: Portrait.available, "needs ../shared/fixtures/faces and libdlib-data's landmark model"))
struct FaceAnalysisTests {
    func report(_ image: RGBImage, _ configure: (inout FaceLimits) -> Void = { _ in }) throws -> FaceReport {
        try Portrait.analyzer(configure).analyze(image.luma)
    }

    func check(_ report: FaceReport, _ name: String) -> FaceCheck? { report.checks.first { $0.name == name } }

    @Test func portraitFrameHasOneFaceAndPassesTheGeometry() throws {
        let report = try report(try Portrait.frame())
        #expect(report.faces == 1)
        for name in ["face_count", "eye_distance", "camera_too_high", "camera_too_low", "yaw", "roll", "eyes_open", "centred", "inside_frame", "jpeg_artefacts", "sharpness", "illumination"] {
            #expect(check(report, name)?.passed == true, "\(name): \(String(describing: check(report, name)))")
        }
        // She smiles with her teeth showing: ICAO wants the mouth closed, and so does the check.
        #expect(check(report, "mouth_closed")?.passed == false)
        #expect(report.score > 0)
    }

    @Test func blurFailsSharpness() throws {
        let clean = try report(try Portrait.frame())
        let report = try report(Portrait.blurred(try Portrait.frame(), radius: 3))
        #expect(report.faces == 1)
        #expect(check(report, "sharpness")?.passed == false, "\(String(describing: check(report, "sharpness")))")
        #expect(report.score < clean.score)
    }

    @Test func darkFailsBrightness() throws {
        let report = try report(Portrait.map(try Portrait.frame()) { _, _, _, v in v * 0.3 })
        #expect(report.faces == 1)
        #expect(check(report, "brightness_low")?.passed == false, "\(String(describing: check(report, "brightness_low")))")
    }

    @Test func overExposedFailsBrightnessOrClipping() throws {
        let report = try report(Portrait.map(try Portrait.frame()) { _, _, _, v in v * 1.4 + 50 })
        #expect(report.faces == 1)
        let failed = Set(report.failed)
        #expect(failed.contains("brightness_high") || failed.contains("clipped"), "\(report.failed)")
    }

    @Test func rolledHeadFailsRoll() throws {
        let report = try report(Portrait.rotated(try Portrait.frame(), degrees: 20))
        #expect(report.faces == 1)
        #expect(check(report, "roll")?.passed == false, "\(String(describing: check(report, "roll")))")
        #expect(abs((check(report, "roll")?.value ?? 0)) > 12)
    }

    @Test func shrunkFaceFailsEyeDistance() throws {
        let small = Portrait.crop(try Portrait.source(), 0, 0, 512, 512, to: (512, 512))
        let report = try report(small)
        #expect(report.faces == 1)
        #expect(check(report, "eye_distance")?.passed == false, "\(String(describing: check(report, "eye_distance")))")
        #expect((check(report, "eye_distance")?.value ?? 0) < 90)
    }

    /// A seated person (or a child) below a camera at standing height: the face sits low in
    /// the picture and the message is about the camera, not the head; and the other way.
    @Test(arguments: [(150, "camera_too_high"), (-150, "camera_too_low")])
    func aFaceLowOrHighInThePictureBlamesTheCameraHeight(_ shift: Int, _ failing: String) throws {
        let frame = try Portrait.frame()
        let shifted = Portrait.map(frame) { x, y, c, _ in
            let from = y - shift
            guard from >= 0, from < frame.height else { return 128 }
            return Double(frame.pixels[(from * frame.width + x) * 3 + c])
        }
        let report = try report(shifted)
        #expect(report.faces == 1)
        #expect(check(report, failing)?.passed == false, "\(String(describing: check(report, failing)))")
        let other = failing == "camera_too_high" ? "camera_too_low" : "camera_too_high"
        #expect(check(report, other)?.passed == true)
        #expect(report.failed.firstIndex(of: failing) ?? 99 < report.failed.firstIndex(of: "pitch") ?? 100, "told before any pose message")
    }

    @Test func twoFacesFailFaceCount() throws {
        let frame = try Portrait.frame()
        // Two people side by side: the frame squeezed into each half.
        let half = Portrait.crop(frame, 0, 0, 640, 480, to: (320, 240))
        var pixels = [UInt8](repeating: 128, count: 640 * 240 * 3)
        for y in 0..<240 {
            for x in 0..<640 {
                for c in 0..<3 { pixels[(y * 640 + x) * 3 + c] = half.pixels[(y * 320 + x % 320) * 3 + c] }
            }
        }
        let report = try report(RGBImage(width: 640, height: 240, pixels: pixels)) { $0.minimumEyeDistance = 30 }
        #expect(report.faces == 2)
        #expect(check(report, "face_count")?.passed == false)
        #expect(report.score <= 10)
    }

    @Test func emptySceneFailsFaceCount() throws {
        let blank = RGBImage(width: 640, height: 480, pixels: [UInt8](repeating: 200, count: 640 * 480 * 3))
        let report = try report(blank)
        #expect(report.faces == 0)
        #expect(report.failed == ["face_count"])
        #expect(report.score == 0)
    }

    @Test func occludedEyesFailEyesOpenOrDetection() throws {
        let frame = try Portrait.frame()
        let clean = try report(frame)
        let landmarks = try #require(clean.landmarks)
        // Dark glasses: a black bar across both eyes.
        let top = Int(min(landmarks.rightEye.y, landmarks.leftEye.y)) - 14, bottom = Int(max(landmarks.rightEye.y, landmarks.leftEye.y)) + 14
        let left = Int(landmarks.rightEye.x) - 35, right = Int(landmarks.leftEye.x) + 35
        let occluded = Portrait.map(frame) { x, y, _, v in (left..<right).contains(x) && (top..<bottom).contains(y) ? 10 : v }
        let report = try report(occluded)
        let failed = Set(report.failed)
        #expect(failed.contains("eyes_open") || failed.contains("face_count"), "\(report.failed)")
        #expect(report.score < clean.score)
    }

    @Test func offCentreFaceFailsCentred() throws {
        let frame = try Portrait.frame()
        let shifted = Portrait.map(frame) { x, y, c, _ in
            let sx = x + 150
            return sx < frame.width ? Double(frame.pixels[(y * frame.width + sx) * 3 + c]) : 128
        }
        let report = try report(shifted)
        #expect(report.faces == 1)
        #expect(check(report, "centred")?.passed == false, "\(String(describing: check(report, "centred")))")
    }

    @Test func heavyJPEGFailsArtefacts() throws {
        let jpeg = try JPEGEncoder(quality: 5).encode(try Portrait.frame())
        let report = try report(try JPEGDecoder().rgb(jpeg))
        #expect(check(report, "jpeg_artefacts")?.passed == false, "\(String(describing: check(report, "jpeg_artefacts")))")
    }
}
