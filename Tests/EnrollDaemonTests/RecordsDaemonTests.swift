#if canImport(Glibc)
import Glibc
#endif
import CSQLite
import Crypto
import EnrollCore
@testable import EnrollDaemon
import EventLog
import Foundation
import Logging
import Store
import Systemd
import Testing
import TestSupport
import Trust

/// The record side of the real daemon: the storage milestone, `enrollctl queue`,
/// `enrollctl key show`, and a damaged database kept aside with capture refused.
@Suite(.serialized) struct RecordsDaemonTests {
    static func centralKeys() -> String {
        let sealing = Curve25519.KeyAgreement.PrivateKey().publicKey.rawRepresentation
        let receipt = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation
        return "central: {sealing_public_key: \"\(Hex.encode(sealing))\", receipt_public_key: \"\(Hex.encode(receipt))\"}"
    }

    @Test func queueAndKeyThroughEnrollctl() async throws {
        let kiosk = try DaemonProcessTests.Kiosk(extra: Self.centralKeys() + "\nstorage: {min_free_mib: 1}")
        defer { try? FileManager.default.removeItem(at: kiosk.folder) }
        let daemon = try kiosk.start()
        let ready = await kiosk.notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } }
        try #require(ready, "no READY=1; stderr: \(daemon.stderr)")

        let (status, output, errors) = try RunningProcess.run(BuiltProducts.executable("enrollctl"), ["queue", "--socket", kiosk.socket], folder: kiosk.folder)
        #expect(status == 0, "enrollctl queue failed: \(errors)")
        #expect(output.contains("Storage:   open"))
        #expect(output.contains("Depth:     0 record(s)"))
        #expect(output.contains("Oldest:    nothing unsynced"))
        #expect(output.contains("Accepting: yes"), "\(output)")

        let (keyStatus, keyOutput, keyErrors) = try RunningProcess.run(BuiltProducts.executable("enrollctl"), ["key", "show", "--socket", kiosk.socket], folder: kiosk.folder)
        #expect(keyStatus == 0, "enrollctl key show failed: \(keyErrors)")
        let keyPath = kiosk.folder.appendingPathComponent("state/\(DeviceKey.fileName)").path
        let key = try DeviceKey.loadOrCreate(in: kiosk.folder.appendingPathComponent("state").path)
        #expect(keyOutput.contains("Public key: \(Hex.encode(key.publicKey))"))
        #expect(keyOutput.contains("Device id:  \(Hex.encode(key.deviceID))"))
        #expect(try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int == 0o600)
        let created = try #require(kiosk.entries(.deviceKeyCreated).first)
        // The journal names the device id, never the private key.
        let raw = kiosk.journal.datagrams.map { String(decoding: $0, as: UTF8.self) }.joined()
        #expect(!raw.contains(Hex.encode(Array(try Data(contentsOf: URL(fileURLWithPath: keyPath))))))
        #expect(created["PRIORITY"] == "5")

        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(5)))
    }

    @Test func damagedDatabaseIsKeptAsideAndCaptureRefused() async throws {
        let kiosk = try DaemonProcessTests.Kiosk(extra: Self.centralKeys())
        defer { try? FileManager.default.removeItem(at: kiosk.folder) }
        let state = kiosk.folder.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try Data(repeating: 0x42, count: 8192).write(to: state.appendingPathComponent(RecordStore.fileName))

        let daemon = try kiosk.start()
        let ready = await kiosk.notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } }
        try #require(ready, "no READY=1; stderr: \(daemon.stderr)")
        let damaged = try #require(kiosk.entries(.storageDamaged).first, "no storageDamaged entry")
        #expect(damaged["PRIORITY"] == "3")
        let kept = try #require(damaged["ENROLLD_PATH"])
        #expect(FileManager.default.fileExists(atPath: kept + "/" + RecordStore.fileName))

        let (status, output, _) = try RunningProcess.run(BuiltProducts.executable("enrollctl"), ["queue", "--socket", kiosk.socket], folder: kiosk.folder)
        #expect(status == 0)
        #expect(output.contains("Storage:   damaged"))
        #expect(output.contains("Accepting: no, the record database is damaged"))
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(5)))

        // Restarted: no new, empty database behind the technician's back (it would restart
        // the chain the server checks); still refusing, and saying what to do.
        let again = try kiosk.start()
        try #require(await kiosk.notify.wait(timeout: .seconds(60)) { $0.filter { $0.hasPrefix("READY=1") }.count >= 2 }, "no READY=1; stderr: \(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent(RecordStore.fileName).path))
        let missing = try #require(kiosk.entries(.recordChainMissing).first, "no recordChainMissing entry")
        #expect(missing["MESSAGE"]?.contains("restore enrolld.sqlite from") == true)
        let (_, refused, _) = try RunningProcess.run(BuiltProducts.executable("enrollctl"), ["queue", "--socket", kiosk.socket], folder: kiosk.folder)
        #expect(refused.contains("Accepting: no, the record database is missing while this kiosk's device key exists"))
        again.signal(SIGTERM)
        #expect(await again.waitForExit(timeout: .seconds(5)))

        // The technician's decision to start as a new device: the key moves away too.
        try FileManager.default.moveItem(at: state.appendingPathComponent(DeviceKey.fileName), to: kiosk.folder.appendingPathComponent("old-device.ed25519"))
        let fresh = try kiosk.start()
        try #require(await kiosk.notify.wait(timeout: .seconds(60)) { $0.filter { $0.hasPrefix("READY=1") }.count >= 3 }, "no READY=1; stderr: \(fresh.stderr)")
        let (_, accepted, _) = try RunningProcess.run(BuiltProducts.executable("enrollctl"), ["queue", "--socket", kiosk.socket], folder: kiosk.folder)
        #expect(accepted.contains("Accepting: yes"), "\(accepted)")
        #expect(FileManager.default.fileExists(atPath: state.appendingPathComponent(RecordStore.fileName).path))
        fresh.signal(SIGTERM)
        #expect(await fresh.waitForExit(timeout: .seconds(5)))
    }

    @Test func sessionsAreRefusedUpFrontAtTheQuotaWithOneJournalEntry() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = DaemonConfiguration()
        configuration.storage.maximumQueueMiB = 1
        configuration.storage.minimumFreeMiB = 0
        let central = Curve25519.KeyAgreement.PrivateKey()
        configuration.central.sealingPublicKey = Hex.encode(central.publicKey.rawRepresentation)
        configuration.central.receiptPublicKey = Hex.encode(Curve25519.Signing.PrivateKey().publicKey.rawRepresentation)
        let capture = KeptLog()
        let keeper = await RecordKeeper.open(directory: folder.path, configuration: configuration, logger: Logger(label: "test") { _ in capture })

        // A 2 MiB reservation never fits a 1 MiB quota: refused before any capture starts.
        await #expect(throws: AdmissionRefusal.self) { try await keeper.admitSession() }
        await #expect(throws: AdmissionRefusal.self) { try await keeper.admitSession() }
        let refusals = capture.messages.filter { $0.contains("New enrollments are refused") }
        #expect(refusals.count == 1, "one journal entry per change, got \(capture.messages)")
        #expect(refusals.first?.contains("limit of 1.0 MiB (storage.max_queue_mib)") == true, "\(refusals)")
        #expect(capture.messageIDs.last == CatalogEvent.queueAtCapacity.messageID, "the refusal is journalled as a full queue")
        #expect(await keeper.queueStatus(now: 0).accepting == false)

        // A record still commits (sealed), and the summary shows it.
        var generator = SeededGenerator(seed: 3)
        let committed = try await keeper.commit(SyntheticRecords.payload(partBytes: 1000, now: 1, using: &generator), actor: "op-1", now: 1)
        #expect(committed.sequence == 1)
        #expect(await keeper.queueSummary(now: 1001).depth == 1)
        #expect(await keeper.queueSummary(now: 1001).oldestAgeSeconds == 1)
    }

    /// A fresh kiosk without the central server's keys is a configuration task, not a full
    /// queue: the journal entry (and its catalog text) must send the technician there.
    @Test func missingCentralKeysAreJournalledAsSuch() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let capture = KeptLog()
        let keeper = await RecordKeeper.open(directory: folder.path, configuration: DaemonConfiguration(), logger: Logger(label: "test") { _ in capture })
        await #expect(throws: AdmissionRefusal.self) { try await keeper.admitSession() }
        #expect(capture.messageIDs.last == CatalogEvent.centralKeysMissing.messageID, "\(capture.messages)")
        #expect(!capture.messageIDs.contains(CatalogEvent.queueAtCapacity.messageID))
    }

    @Test(.enabled(if: SmallFilesystem.available, "cannot mount a small tmpfs here (needs root and mount(8))"))
    func diskFullIsJournalledAndTheKeeperKeepsServing() async throws {
        let small = try SmallFilesystem(megabytes: 2)
        let mountPoint = small.mountPoint

        let configuration = DaemonConfiguration.forRecordTests()
        let capture = KeptLog()
        let keeper = await RecordKeeper.open(directory: mountPoint.path, configuration: configuration, logger: Logger(label: "test") { _ in capture })
        var generator = SeededGenerator(seed: 8)
        var committed = 0
        var failure: (any Error)?
        while failure == nil, committed < 100 {
            do {
                _ = try await keeper.commit(SyntheticRecords.payload(partBytes: 100_000, now: 1, using: &generator), actor: "op-1", now: 1)
                committed += 1
            } catch { failure = error }
        }
        #expect((failure as? StoreError)?.isDiskFull == true, "got \(String(describing: failure))")
        #expect(capture.messages.contains { $0.contains("the disk is full") })
        #expect(await keeper.queueStatus(now: 2).queue.depth == committed)
        withExtendedLifetime(small) {}
    }

    @Test func aStoredRecordThatNoLongerVerifiesStopsCaptureAtStart() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = DaemonConfiguration.forRecordTests()
        var generator = SeededGenerator(seed: 11)
        do {
            let keeper = await RecordKeeper.open(directory: folder.path, configuration: configuration, logger: Logger(label: "test") { _ in KeptLog() })
            for _ in 0..<3 { _ = try await keeper.commit(SyntheticRecords.payload(partBytes: 500, now: 1, using: &generator), actor: "op-1", now: 1) }
            #expect(await keeper.queueStatus(now: 1).storage == .open)
        }
        // Restarting on an untouched outbox is fine.
        do {
            let capture = KeptLog()
            let keeper = await RecordKeeper.open(directory: folder.path, configuration: configuration, logger: Logger(label: "test") { _ in capture })
            #expect(await keeper.queueStatus(now: 1).storage == .open)
            #expect(!capture.messages.contains { $0.contains("does not verify") })
        }
        // Behind the daemon's back: one byte of record 2's sealed payload.
        var db: OpaquePointer?
        try #require(sqlite3_open(folder.appendingPathComponent(RecordStore.fileName).path, &db) == SQLITE_OK)
        #expect(sqlite3_exec(db, "UPDATE outbox SET envelope = CAST(substr(envelope, 1, 300) || CASE WHEN substr(envelope, 301, 1) = x'00' THEN x'01' ELSE x'00' END || substr(envelope, 302) AS BLOB) WHERE sequence = 2", nil, nil, nil) == SQLITE_OK)
        sqlite3_close(db)

        let capture = KeptLog()
        let keeper = await RecordKeeper.open(directory: folder.path, configuration: configuration, logger: Logger(label: "test") { _ in capture })
        let status = await keeper.queueStatus(now: 1)
        #expect(status.storage == .chainBroken)
        #expect(!status.accepting)
        #expect(status.queue.depth == 3)
        #expect(capture.messages.contains { $0.contains("does not verify") && $0.contains("digest mismatch at sequence 2") }, "\(capture.messages)")
        await #expect(throws: AdmissionRefusal.self) { try await keeper.admitSession() }
    }
}
