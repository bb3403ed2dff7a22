import EnrollCore
import Foundation
import Ingest
import TestSupport
import Testing
import Trust

/// A person comes to the centre with the short reference from the kiosk's end screen:
/// `enroll-ingest find` names their record (all of them when the reference is shared),
/// `export` writes their copy. The real executable on a real SQLite file and, where
/// installed, a real PostgreSQL server.
@Suite struct IngestRightsTests {
    static let tail: [UInt8] = [0x3F, 0x9A, 0x21, 0xC7]
    static let ids = [
        RightsHarness.id(at: 1_780_000_000_000, 1, tail: tail),
        RightsHarness.id(at: 1_780_086_400_000, 2, tail: tail),
        RightsHarness.id(at: 1_780_090_000_000, 3, tail: [0x0B, 0xAD, 0xCA, 0xFE]),
    ]

    static let storageKinds: [Bool] = ThrowawayPostgres.available ? [false, true] : [false]

    @Test(arguments: storageKinds)
    func aReferenceAsPrintedFindsTheRecordAndASharedOneIsAmbiguous(_ postgres: Bool) async throws {
        let harness = try await RightsHarness(postgres: postgres)
        try await harness.store(ids: Self.ids)
        let base = ["find", "--devices", harness.devices.path] + harness.storageArguments
        let device = Hex.encode(harness.kiosk.deviceID)

        for typed in [["0BAD CAFE"], ["0bad-cafe"], ["0BAD", "CAFE"], ["0badcafe"], [Self.ids[2].description]] {
            let found = try harness.run(base + typed)
            #expect(found.0 == 0, "\(typed): \(found)")
            #expect(found.1.contains("\(Self.ids[2])  held  kiosk north-7 (device \(device))  chain position 3"), "\(typed): \(found.1)")
            #expect(found.1.contains("created 2026-05-29T") && found.1.contains("received 20"), "\(found.1)")
            #expect(found.2.contains("note: enroll-ingest keeps no log of this look-up"), "\(found.2)")
        }

        let shared = try harness.run(base + ["3F9A 21C7"])
        #expect(shared.0 == 2, "\(shared)")
        #expect(shared.1.contains("3F9A 21C7: AMBIGUOUS: 2 records share this reference"), "\(shared.1)")
        #expect(shared.1.contains(Self.ids[0].description) && shared.1.contains(Self.ids[1].description))

        let unknown = try harness.run(base + ["DEAD BEEF", "0BADCAFE"])
        #expect(unknown.0 == 1 && unknown.1.contains("DEAD BEEF: no record held here") && unknown.1.contains("0BAD CAFE: 1 record"), "\(unknown)")

        let json = try harness.run(base + ["3f9a21c7", "deadbeef", "--json"])
        #expect(json.0 == 1, "one names none, which outranks one naming several: \(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.1.utf8)) as? [String: Any])
        let references = try #require(object["references"] as? [[String: Any]])
        #expect(references.map { $0["state"] as? String } == ["ambiguous", "not_found"])
        let records = try #require(references[0]["records"] as? [[String: Any]])
        #expect(records.map { $0["record_id"] as? String } == [Self.ids[0], Self.ids[1]].sorted().map(\.description))
        #expect(records.allSatisfy { $0["kiosk_label"] as? String == "north-7" && $0["device_id"] as? String == device && $0["erased"] as? Bool == false })
        #expect(records.map { $0["sequence"] as? Int } == [1, 2])

        // Without the registration file the kiosk is named by its device id only.
        let bare = try harness.run(["find", "3F9A21C7"] + harness.storageArguments)
        #expect(bare.0 == 2 && bare.1.contains("kiosk device \(device)  chain position") && !bare.1.contains("north-7"), "\(bare)")
    }

    /// Typing mistakes and hostile text are refused before the storage is opened, saying
    /// what a reference looks like; the terminal never receives a control character back.
    @Test func hostileReferencesAreRefusedWithoutTouchingStorage() async throws {
        let harness = try await RightsHarness()
        try await harness.store(ids: Self.ids)
        for bad in ["", "3F9A21C", "3F9A21C7A", "3F9A 21C7 0", "'; DROP TABLE records; --", "3F9A21C7' OR '1'='1", "%", "3F9A_1C7",
                    String(repeating: "A", count: 5_000), "\u{1B}]0;owned\u{07}", "3F9A"] {
            let refused = try harness.run(["find", bad] + harness.storageArguments)
            #expect(refused.0 != 0 && refused.0 != 1 && refused.0 != 2, "\(bad.prefix(20)): \(refused)")
            #expect(refused.2.contains("a short reference is 8 hex digits"), "\(bad.prefix(20)): \(refused.2)")
            #expect(!refused.2.contains("\u{1B}") && !refused.1.contains("\u{1B}") && refused.2.count < 2_000)
        }
        let many = try harness.run(["find"] + Array(repeating: "0BADCAFE", count: 101) + harness.storageArguments)
        #expect(many.0 != 0 && many.2.contains("at most 100"), "\(many)")
        // The records are all still there, and nothing else was made.
        let all = try harness.run(["find", "3F9A21C7", "0BADCAFE"] + harness.storageArguments)
        #expect(all.0 == 2 && all.1.components(separatedBy: "  held  ").count == 4, "\(all)")
        let missing = harness.folder.appendingPathComponent("none.sqlite").path
        let noDatabase = try harness.run(["find", "0BADCAFE", "--database", missing])
        #expect(noDatabase.0 == 3 && noDatabase.2.contains("no receiver database at \(missing)"), "\(noDatabase)")
        #expect(!FileManager.default.fileExists(atPath: missing))
        let noDevices = try harness.run(["find", "0BADCAFE", "--devices", harness.folder.appendingPathComponent("none.txt").path] + harness.storageArguments)
        #expect(noDevices.0 == 3 && noDevices.2.contains("cannot read the registration file"), "\(noDevices)")
    }

    @Test(arguments: storageKinds)
    func theCopyHoldsTheSummaryAndPhotographInAFolderOnlyItsOwnerReads(_ postgres: Bool) async throws {
        let harness = try await RightsHarness(postgres: postgres)
        let photo: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0x42, count: 300) + [0xFF, 0xD9]
        try await harness.store(ids: Self.ids, face: photo)
        let out = harness.folder.appendingPathComponent("copy-1")
        let exported = try harness.run(["export", Self.ids[2].description, "--sealing-key", harness.sealingKey.path, "--out", out.path,
                                        "--devices", harness.devices.path] + harness.storageArguments)
        #expect(exported.0 == 0, "\(exported)")
        let names = ["summary.txt", "summary.json", "photo.jpg"]
        #expect(exported.1 == names.map { out.appendingPathComponent($0).path + "\n" }.joined(), "only the paths: \(exported.1)")
        #expect(!exported.1.contains("SUBJECT-SECRET") && !exported.2.contains("SUBJECT-SECRET"))
        #expect(exported.2.contains("note: enroll-ingest keeps no log of this copy"), "\(exported.2)")
        #expect(try FileManager.default.attributesOfItem(atPath: out.path)[.posixPermissions] as? Int == 0o700)
        for name in names {
            #expect(try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(name).path)[.posixPermissions] as? Int == 0o600)
        }
        #expect(try Array(Data(contentsOf: out.appendingPathComponent("photo.jpg"))) == photo)
        let text = try String(contentsOf: out.appendingPathComponent("summary.txt"), encoding: .utf8)
        #expect(text.contains("record 0BAD CAFE") && text.contains("reference: SUBJECT-SECRET-2") && text.contains("Kiosk: north-7"), "\(text)")
        #expect(text.contains("right index: taken, quality score") && text.contains("left index: not taken (bandaged or in a cast)"), "\(text)")
        #expect(text.contains("Place in that kiosk's chain of records: 3"))

        // With the fingerprint images asked for, they come too (as PNG files by finger).
        let withImages = harness.folder.appendingPathComponent("copy-2")
        let second = try harness.run(["export", Self.ids[0].description, "--sealing-key", harness.sealingKey.path, "--out", withImages.path,
                                      "--devices", harness.devices.path, "--include-finger-images"] + harness.storageArguments)
        #expect(second.0 == 0, "\(second)")
        let pictures = ["finger-02-right_index.png", "finger-03-right_middle.png", "finger-08-left_middle.png"]
        #expect(second.1 == (names + pictures).map { withImages.appendingPathComponent($0).path + "\n" }.joined(), "\(second.1)")
    }

    /// Each refusal says why, and leaves no folder or file behind.
    @Test func refusalsSayWhyAndWriteNothing() async throws {
        let harness = try await RightsHarness()
        try await harness.store(ids: Self.ids)
        let out = harness.folder.appendingPathComponent("copy")
        func export(_ id: String, key: String? = nil, devices: String? = nil, to folder: URL? = nil) throws -> (Int32, String, String) {
            try harness.run(["export", id, "--sealing-key", key ?? harness.sealingKey.path, "--out", (folder ?? out).path,
                             "--devices", devices ?? harness.devices.path] + harness.storageArguments)
        }

        let short = try export("3F9A 21C7")
        #expect(short.0 != 0 && short.2.contains("is a short reference: find the full record id with `enroll-ingest find \"3F9A 21C7\"`"), "\(short)")
        for bad in ["", "'; DROP TABLE records; --", "01932f4e-8a00-7c3d-9a4b-5e6f708192a", "\u{1B}[2J"] {
            let refused = try export(bad)
            #expect(refused.0 != 0 && refused.2.contains("a short reference is 8 hex digits") && !refused.2.contains("\u{1B}"), "\(refused)")
        }

        // Another central key (keygen elsewhere): the record does not open.
        let other = harness.folder.appendingPathComponent("other-keys")
        #expect(try harness.run(["keygen", "--directory", other.path]).0 == 0)
        let wrongKey = try export(Self.ids[2].description, key: other.appendingPathComponent("sealing.key").path)
        #expect(wrongKey.0 == 3 && wrongKey.2.contains("does not open with the sealing key"), "\(wrongKey)")
        let junkKey = harness.folder.appendingPathComponent("junk.key")
        try Data("not a key\n".utf8).write(to: junkKey)
        let unreadable = try export(Self.ids[2].description, key: junkKey.path)
        #expect(unreadable.0 == 3 && unreadable.2.contains("\(junkKey.path): expected 64 hex digits"), "\(unreadable)")
        let noKey = try export(Self.ids[2].description, key: harness.folder.appendingPathComponent("none.key").path)
        #expect(noKey.0 == 3 && noKey.2.contains("cannot read the sealing key"), "\(noKey)")

        // A kiosk no longer registered: its key is needed to verify.
        let empty = harness.folder.appendingPathComponent("empty-devices.txt")
        try Data().write(to: empty)
        let revoked = try export(Self.ids[2].description, devices: empty.path)
        #expect(revoked.0 == 3 && revoked.2.contains("is not in \(empty.path)"), "\(revoked)")

        let unknown = try export(RecordID(unixMilliseconds: 1_780_000_000_000).description)
        #expect(unknown.0 == 1 && unknown.2.contains("not held here"), "\(unknown)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "no folder after a refusal")

        // A folder with something in it is refused and left as it was.
        let busy = harness.folder.appendingPathComponent("busy")
        try FileManager.default.createDirectory(at: busy, withIntermediateDirectories: false)
        try Data("another person's copy".utf8).write(to: busy.appendingPathComponent("summary.txt"))
        let refusedFolder = try export(Self.ids[2].description, to: busy)
        #expect(refusedFolder.0 == 3 && refusedFolder.2.contains("is not empty"), "\(refusedFolder)")
        #expect(try String(contentsOf: busy.appendingPathComponent("summary.txt"), encoding: .utf8) == "another person's copy")
        #expect(try FileManager.default.contentsOfDirectory(atPath: busy.path) == ["summary.txt"])

        // An erased record: said so, nothing to copy.
        let erased = try harness.run(["erase", Self.ids[1].description] + harness.storageArguments)
        #expect(erased.0 == 0, "\(erased)")
        let gone = try export(Self.ids[1].description)
        #expect(gone.0 == 1 && gone.2.contains("erased: nothing of it is held here any more"), "\(gone)")
        #expect(gone.2.contains("keeps no log of this request"), "the answer \"erased\" goes into the request log too: \(gone.2)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let found = try harness.run(["find", "3F9A21C7"] + harness.storageArguments)
        #expect(found.1.contains("\(Self.ids[1])  ERASED") && found.1.contains("\(Self.ids[0])  held"), "\(found)")
    }
}
