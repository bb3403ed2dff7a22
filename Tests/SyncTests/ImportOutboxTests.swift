import EnrollCore
import Foundation
import Store
import Testing
import TestSupport
import Trust

/// `enroll-ingest import-outbox`: a kiosk's outbox database imported by the central
/// receiver when the kiosk cannot upload any more (damaged database, dead kiosk).
@Suite(.enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct ImportOutboxTests {
    func importing(_ harness: IngestHarness, _ file: String) throws -> (Int32, String, String) {
        try RunningProcess.run(BuiltProducts.executable("enroll-ingest"), [
            "import-outbox", file, "--devices", harness.devices.path,
            "--receipt-key", harness.keys.appendingPathComponent("receipt.key").path,
            "--open-key", harness.keys.appendingPathComponent("sealing.key").path,
            "--database", harness.database.path, "--batch", "5",
        ], folder: harness.folder)
    }

    @Test func anOutboxIsImportedOnceWithTheUploadsChecks() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 12)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try harness.createDatabase()
        try fixture.store.checkpointTruncate()
        let file = fixture.storeFolder.appendingPathComponent(RecordStore.fileName).path

        let (status, output, errors) = try importing(harness, file)
        #expect(status == 0, "\(errors)")
        #expect(output.contains("12 records read; 12 stored, 0 already there, 0 rejected"), "\(output)")
        #expect(try await fixture.serverRecords().map(\.sequence) == Array(1...12))
        #expect(try await fixture.serverRecords().map(\.hash) == fixture.localRecords().map(\.hash))

        // Again (or after the kiosk had uploaded some): exactly once.
        let again = try importing(harness, file)
        #expect(again.0 == 0 && again.1.contains("12 records read; 0 stored, 12 already there"), "\(again.1)")
    }

    @Test func unregisteredDevicesBrokenFilesAndNonDatabasesAreRefusedClearly() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 3)
        try harness.createDatabase()
        try fixture.store.checkpointTruncate()
        let file = fixture.storeFolder.appendingPathComponent(RecordStore.fileName).path
        let unregistered = try importing(harness, file)
        #expect(unregistered.0 != 0 && unregistered.2.contains("is not registered"), "\(unregistered.2)")

        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        let junk = harness.folder.appendingPathComponent("junk.sqlite")
        try Data(repeating: 0x5A, count: 8192).write(to: junk)
        let notADatabase = try importing(harness, junk.path)
        #expect(notADatabase.0 != 0 && notADatabase.2.contains("not a readable enrolld outbox"), "\(notADatabase.2)")
        let missing = try importing(harness, harness.folder.appendingPathComponent("none.sqlite").path)
        #expect(missing.0 != 0, "\(missing.1)")
        #expect(try await fixture.serverRecords().isEmpty)
    }

    @Test func aDamagedOutboxIsImportedAsFarAsItCanBeRead() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 20, partBytes: 16_000)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try harness.createDatabase()
        try fixture.store.checkpointTruncate()
        let file = fixture.storeFolder.appendingPathComponent(RecordStore.fileName)
        // Scribble over the last quarter of the file: the newest records' pages.
        var bytes = try Data(contentsOf: file)
        let start = bytes.count * 3 / 4
        for i in start..<bytes.count { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
        let damaged = harness.folder.appendingPathComponent("damaged.sqlite")
        try bytes.write(to: damaged)

        let (status, output, errors) = try importing(harness, damaged.path)
        #expect(status == 1, "a partial import must not look complete: \(output) \(errors)")
        let stored = try await fixture.serverRecords().map(\.sequence)
        // What was stored is an unbroken start of the chain, and it is less than all.
        #expect(stored == (0..<stored.count).map { UInt64($0 + 1) })
        // The first three quarters of the file are intact: their records arrive; a record
        // whose bytes were hit is rejected by its digest, and reading stops at the damage.
        #expect(stored.count > 0 && stored.count < 20, "\(output)")
        #expect(output.contains("reading stopped after"), "\(output) \(errors)")
    }
}
