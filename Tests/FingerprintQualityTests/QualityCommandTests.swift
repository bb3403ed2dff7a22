import EnrollCore
import Foundation
import Imaging
import Testing
import TestSupport

/// `enrollctl quality finger|face` as a technician runs it: on files, offline, with broken
/// files among good ones (each reported, the others still scored, exit status 1).
@Suite struct QualityCommandTests {
    static let enrollctl = BuiltProducts.executable("enrollctl")
    static let haveModel = FileManager.default.fileExists(atPath: "/usr/share/dlib/shape_predictor_68_face_landmarks.dat")
        && SharedFixtures.exists("faces/skimage/astronaut.png")

    /// A good print, and every kind of bad file, in a fresh folder.
    static func files() throws -> (folder: URL, good: String, bad: [String]) {
        let folder = try BuiltProducts.temporaryFolder()
        var generator = SyntheticFingerprint()
        generator.width = 400
        generator.height = 400
        let png = PNG.encode(generator.image(finger: 2, impression: 0))
        let good = folder.appendingPathComponent("good.png").path
        FileManager.default.createFile(atPath: good, contents: Data(png))
        var bad: [String] = []
        func write(_ name: String, _ bytes: [UInt8]) {
            let path = folder.appendingPathComponent(name).path
            FileManager.default.createFile(atPath: path, contents: Data(bytes))
            bad.append(path)
        }
        write("truncated.png", Array(png.prefix(png.count / 3)))
        write("text.txt", Array("not an image at all\n".utf8))
        write("empty.png", [])
        write("random.tif", [0x49, 0x49, 42, 0] + (0..<500).map { UInt8(truncatingIfNeeded: $0 &* 77 &+ 13) })
        // A PNG header claiming 100000×100000 pixels: refused by size, never allocated.
        var huge = Array(png.prefix(33))
        huge.replaceSubrange(16..<24, with: [0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0])
        write("huge-header.png", huge + Array(png.dropFirst(33)))
        bad.append(folder.appendingPathComponent("missing.png").path)
        bad.append(folder.path)  // a folder, not a file
        return (folder, good, bad)
    }

    /// Which model scored is in the output; a forest asked for by path must load, the
    /// installed one is used when present, `--linear` forces the built-in model.
    @Test func fingerSaysWhichModelScored() throws {
        let (folder, good, _) = try Self.files()
        defer { try? FileManager.default.removeItem(at: folder) }
        func model(_ arguments: [String]) throws -> (Int32, String?, String) {
            let (status, out, err) = try RunningProcess.run(Self.enrollctl, ["quality", "finger", "--json"] + arguments + [good], folder: folder)
            let array = try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]]
            return (status, array?.first?["model"] as? String, err)
        }
        let linear = try model(["--linear"])
        #expect(linear.0 == 0 && linear.1 == "linear", "\(linear)")
        let broken = folder.appendingPathComponent("forest.yaml")
        FileManager.default.createFile(atPath: broken.path, contents: Data("%YAML:1.0\nmy_random_trees:\n   ntrees: 3\n".utf8))
        let refused = try model(["--model", broken.path])
        #expect(refused.0 != 0 && refused.2.contains("not NFIQ 2's forest"), "\(refused)")
        let missing = try model(["--model", folder.appendingPathComponent("none.yaml").path])
        #expect(missing.0 != 0 && missing.2.contains("cannot be read"), "\(missing)")
        let both = try RunningProcess.run(Self.enrollctl, ["quality", "finger", "--linear", "--model", broken.path, good], folder: folder)
        #expect(both.0 != 0 && both.2.contains("exclude each other"), "\(both)")
        let installed = try model([])
        if NFIQ2Reference.haveForest {
            #expect(installed.0 == 0 && installed.1 == "nfiq2-forest", "\(installed)")
            let chosen = try model(["--model", NFIQ2Reference.forestPath])
            #expect(chosen.1 == "nfiq2-forest")
        } else {
            #expect(installed.0 == 0 && installed.1 == "linear" && installed.2.contains("not installed"), "\(installed)")
        }
    }

    @Test func fingerJSONReportsEveryFileAndFailsOnTheBadOnes() throws {
        let (folder, good, bad) = try Self.files()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, out, _) = try RunningProcess.run(Self.enrollctl, ["quality", "finger", "--json", good] + bad, folder: folder)
        #expect(status == 1)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        #expect(array.count == bad.count + 1)
        let first = try #require(array.first)
        #expect(first["file"] as? String == good)
        let score = try #require(first["score"] as? Int)
        #expect((1...100).contains(score))
        #expect(first["feedback"] is [String])
        let measures = try #require(first["measures"] as? [String: Any])
        for name in ["foreground_blocks", "coherence_mean", "clarity_mean", "minutiae", "ridge_period", "periodic_share"] {
            #expect(measures[name] is Double || measures[name] is Int, "\(name)")
        }
        for (object, path) in zip(array.dropFirst(), bad) {
            #expect(object["file"] as? String == path)
            #expect((object["error"] as? String)?.isEmpty == false, "\(path): \(object)")
            #expect(object["score"] == nil)
        }
    }

    @Test func fingerTextNamesTheScoreAndErrorsGoToStderr() throws {
        let (folder, good, bad) = try Self.files()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, out, err) = try RunningProcess.run(Self.enrollctl, ["quality", "finger", "--ppi", "500", good, bad[0]], folder: folder)
        #expect(status == 1)
        #expect(out.contains("\(good): score "))
        #expect(out.contains("minutiae"))
        #expect(err.contains("truncated.png: error:"))
        let (allGood, _, _) = try RunningProcess.run(Self.enrollctl, ["quality", "finger", good], folder: folder)
        #expect(allGood == 0)
    }

    @Test func fingerRefusesANonsenseResolution() throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, _, err) = try RunningProcess.run(Self.enrollctl, ["quality", "finger", "--ppi", "0", "x.png"], folder: folder)
        #expect(status != 0)
        #expect(err.contains("--ppi"))
    }

    @Test(.enabled(if: haveModel, "needs libdlib-data's landmark model and ../shared/fixtures/faces"))
    func faceJSONHasFacesScoresAndChecks() throws {
        let (folder, good, bad) = try Self.files()
        defer { try? FileManager.default.removeItem(at: folder) }
        let astronaut = SharedFixtures.path("faces/skimage/astronaut.png"), cat = SharedFixtures.path("faces/skimage/chelsea.png")
        let tokens = folder.appendingPathComponent("tokens")
        try FileManager.default.createDirectory(at: tokens, withIntermediateDirectories: true)
        let (status, out, _) = try RunningProcess.run(
            Self.enrollctl, ["quality", "face", "--json", "--token-directory", tokens.path, astronaut, cat, good] + bad, folder: folder)
        #expect(status == 1)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String: Any]])
        #expect(array.count == bad.count + 3)
        #expect(array[0]["faces"] as? Int == 1)
        #expect(array[1]["faces"] as? Int == 0)
        #expect(array[2]["faces"] as? Int == 0)  // a fingerprint has no face
        let checks = try #require(array[0]["checks"] as? [[String: Any]])
        #expect(checks.contains { $0["name"] as? String == "eye_distance" && $0["passed"] as? Bool == false })
        #expect((array[0]["feedback"] as? [String])?.contains("eye_distance") == true)
        #expect((array[0]["measures"] as? [String: Any])?["yaw"] != nil)
        for object in array.dropFirst(3) { #expect(object["error"] is String && object["score"] == nil, "\(object)") }
        let token = try ImageFile.readRGB(path: tokens.appendingPathComponent("astronaut.token.jpg").path)
        #expect(token.width == 480 && token.height == 640)
    }

    @Test func faceWithAMissingModelSaysWhere() throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, _, err) = try RunningProcess.run(Self.enrollctl, ["quality", "face", "--model", "/nonexistent/model.dat", "x.png"], folder: folder)
        #expect(status != 0)
        #expect(err.contains("/nonexistent/model.dat"))
    }
}
