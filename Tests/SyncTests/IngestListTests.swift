import EnrollCore
import Foundation
import Ingest
import Store
import TestSupport
import Testing
import Trust

/// `enroll-ingest list` as central IT runs it: per registered kiosk the chain head the
/// receiver holds, when its last record arrived, never-uploaded and silent kiosks,
/// revoked ones still in storage; text and JSON; clear errors on unusable input.
@Suite(.enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct IngestListTests {
    func importing(_ harness: IngestHarness, _ fixture: SyncFixture, storage: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
        try fixture.store.checkpointTruncate()
        return try RunningProcess.run(BuiltProducts.executable("enroll-ingest"), [
            "import-outbox", fixture.storeFolder.appendingPathComponent(RecordStore.fileName).path, "--devices", harness.devices.path,
            "--receipt-key", harness.keys.appendingPathComponent("receipt.key").path,
            "--open-key", harness.keys.appendingPathComponent("sealing.key").path,
        ] + storage, environment: environment, folder: harness.folder)
    }

    func list(_ harness: IngestHarness, _ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
        try RunningProcess.run(BuiltProducts.executable("enroll-ingest"), ["list", "--devices", harness.devices.path] + arguments,
                               environment: environment, folder: harness.folder)
    }

    @Test func headsLastArrivalNeverUploadedAndRevokedInTextAndJSON() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 6)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        let idle = DeviceKey()
        try harness.register(devicePublicKey: idle.publicKey, certificate: "unregistered")
        let storage = ["--database", harness.database.path]
        try harness.createDatabase()
        let imported = try importing(harness, fixture, storage: storage)
        #expect(imported.0 == 0, "\(imported)")

        let text = try list(harness, storage)
        #expect(text.0 == 0, "\(text)")
        let kioskLine = try #require(text.1.split(separator: "\n").first { $0.contains(Hex.encode(fixture.deviceKey.deviceID)) })
        #expect(kioskLine.contains(" kiosk ") && kioskLine.contains(" 6 ") && kioskLine.hasSuffix("uploading"), "\(text.1)")
        let idleLine = try #require(text.1.split(separator: "\n").first { $0.contains(Hex.encode(idle.deviceID)) })
        #expect(idleLine.contains("never") && idleLine.hasSuffix("never uploaded"), "\(text.1)")
        #expect(text.1.contains("2 kiosks registered: 1 uploading, 0 silent for over 24 h, 1 never uploaded"), "\(text.1)")
        #expect(!text.1.contains("GAP") && !text.1.contains("with a gap"), "no gap, none shown: \(text.1)")

        // A threshold shorter than the time since the import: the kiosk is silent.
        let silent = try list(harness, storage + ["--silent-hours", "0.00001"])
        #expect(silent.1.contains("SILENT") && silent.1.contains("1 silent"), "\(silent.1)")

        let revoked = try harness.run(["revoke", "--devices", harness.devices.path, "--label", "kiosk"])
        #expect(revoked.0 == 0, "\(revoked)")
        let json = try list(harness, storage + ["--json"])
        #expect(json.0 == 0, "\(json)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.1.utf8)) as? [String: Any])
        #expect(object["registered"] as? Int == 1)
        let kiosks = try #require(object["kiosks"] as? [[String: Any]])
        #expect(kiosks.count == 2)
        let gone = try #require(kiosks.first { $0["device_id"] as? String == Hex.encode(fixture.deviceKey.deviceID) })
        #expect(gone["state"] as? String == "revoked" && gone["registered"] as? Bool == false && gone["head_sequence"] as? Int == 6)
        let arrived = try #require(gone["last_received_at_ms"] as? Int)
        #expect(abs(arrived - Int(Date().timeIntervalSince1970 * 1000)) < 3_600_000)
        #expect((gone["last_received_at"] as? String)?.hasSuffix("Z") == true)
        let waiting = try #require(kiosks.first { $0["device_id"] as? String == Hex.encode(idle.deviceID) })
        #expect(waiting["state"] as? String == "never_uploaded" && waiting["last_received_at"] == nil && waiting["label"] as? String == "unregistered")
    }

    /// Registrations missing, a folder, not UTF-8, malformed, or hostile labels; storage
    /// missing, not a database, unreachable; a bad threshold: non-zero and said clearly.
    @Test func unusableInputIsAClearErrorAndANonZeroExit() async throws {
        let harness = try IngestHarness()
        let storage = ["--database", harness.database.path]
        _ = try SQLiteIngestStorage(path: harness.database.path)

        func refused(_ arguments: [String], devices: String? = nil, saying words: String) throws {
            let run = try RunningProcess.run(BuiltProducts.executable("enroll-ingest"), ["list", "--devices", devices ?? harness.devices.path] + arguments, folder: harness.folder)
            #expect(run.0 != 0, "exit 0 for \(arguments): \(run.1)")
            #expect(run.2.contains(words), "\(arguments): \(run.2)")
        }
        let folder = harness.folder.path
        try refused(storage, devices: folder + "/none.txt", saying: "cannot read the registration file \(folder)/none.txt")
        try refused(storage, devices: folder, saying: "cannot read the registration file")
        let latin1 = harness.folder.appendingPathComponent("latin1.txt")
        try Data([0x23, 0x20, 0xE9, 0xFF, 0x0A]).write(to: latin1)
        try refused(storage, devices: latin1.path, saying: "cannot read the registration file")
        let broken = harness.folder.appendingPathComponent("broken.txt")
        try Data("abc def kiosk\n".utf8).write(to: broken)
        try refused(storage, devices: broken.path, saying: "line 1: expected <64 hex public key>")

        try refused(["--database", folder + "/none.sqlite"], saying: "no receiver database at \(folder)/none.sqlite")
        #expect(!FileManager.default.fileExists(atPath: folder + "/none.sqlite"))
        let junk = harness.folder.appendingPathComponent("junk.sqlite")
        try Data(repeating: 0x5A, count: 8192).write(to: junk)
        try refused(["--database", junk.path], saying: "is not a readable receiver database")
        try refused(["--postgres", "postgres://enroll@127.0.0.1:1/ingest"], saying: "cannot reach PostgreSQL at 127.0.0.1:1")
        try refused(["--postgres", "postgres://enroll@db.example.org/ingest"], saying: "--postgres-ca")
        try refused(storage + ["--silent-hours", "-1"], saying: "--silent-hours")
        try refused(storage + ["--silent-hours", "nan"], saying: "--silent-hours")

        // A label with a terminal escape sequence is shown defused; the JSON keeps it escaped.
        let key = DeviceKey()
        try harness.register(devicePublicKey: key.publicKey)
        var text = try String(contentsOf: harness.devices, encoding: .utf8)
        text = text.replacingOccurrences(of: " kiosk", with: " evil\u{1B}[2J\u{07}label")
        try Data(text.utf8).write(to: harness.devices)
        let shown = try list(harness, storage)
        #expect(shown.0 == 0 && shown.1.contains("evil?[2J?label") && !shown.1.contains("\u{1B}"), "\(shown)")
        let json = try list(harness, storage + ["--json"])
        #expect(json.0 == 0 && json.1.lowercased().contains("evil\\u001b[2j\\u0007label"), "\(json.1)")
    }
}
