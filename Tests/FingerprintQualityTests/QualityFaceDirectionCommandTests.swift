import Foundation
import Imaging
import Testing
import TestSupport

/// `enrollctl quality face` on an off-centre photograph: the technician sees the same way
/// to move the kiosk would say (`move_left`/`move_right`), in the JSON and in the text.
@Suite(.enabled(if: QualityCommandTests.haveModel, "needs libdlib-data's landmark model and ../shared/fixtures/faces"))
struct QualityFaceDirectionCommandTests {
    /// The fixture portrait with its content moved `dx` pixels sideways (mid-gray where
    /// uncovered), written as a JPEG into `folder`.
    static func shiftedPortrait(by dx: Int, into folder: URL) throws -> String {
        let image = try ImageFile.readRGB(path: SharedFixtures.path("faces/skimage/astronaut.png"))
        var out = image
        for y in 0..<image.height {
            for x in 0..<image.width {
                let from = x - dx
                for c in 0..<3 {
                    out.pixels[(y * image.width + x) * 3 + c] = from >= 0 && from < image.width ? image.pixels[(y * image.width + from) * 3 + c] : 128
                }
            }
        }
        let path = folder.appendingPathComponent("shifted\(dx).jpg").path
        FileManager.default.createFile(atPath: path, contents: Data(try JPEGEncoder(quality: 95).encode(out)))
        return path
    }

    // Her face is a little left of the middle already (x ≈ 218 of 512): moved further left
    // it is in the frame's left half ("move to your own left"), moved right past the
    // middle, in its right half.
    @Test(arguments: [(-120, "move_left"), (200, "move_right")])
    func theWayToMoveIsInTheJSONAndTheText(_ dx: Int, _ code: String) throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try Self.shiftedPortrait(by: dx, into: folder)
        let (status, out, err) = try RunningProcess.run(QualityCommandTests.enrollctl, ["quality", "face", "--json", file], folder: folder)
        #expect(status == 0, "\(err)")
        let array = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        let object = try #require(array.first)
        #expect(object["faces"] as? Int == 1)
        let feedback = try #require(object["feedback"] as? [String])
        #expect(feedback.contains(code) && !feedback.contains("centred"), "\(feedback)")
        let checks = try #require(object["checks"] as? [[String: Any]])
        let centred = try #require(checks.first { $0["name"] as? String == "centred" })
        #expect(centred["passed"] as? Bool == false && centred["code"] as? String == code, "\(centred)")
        // Every check names its code; a passed one its own name.
        for check in checks where check["passed"] as? Bool == true { #expect(check["code"] as? String == check["name"] as? String, "\(check)") }
        #expect((object["measures"] as? [String: Any])?["centred"] != nil)

        let (_, text, _) = try RunningProcess.run(QualityCommandTests.enrollctl, ["quality", "face", file], folder: folder)
        let line = try #require(text.split(separator: "\n").first { $0.contains("FAIL centred") }, "\(text)")
        #expect(line.hasSuffix("[\(code)]"), "\(line)")
        #expect(line.contains(code == "move_left" ? "their own left" : "their own right"), "\(line)")
    }
}
