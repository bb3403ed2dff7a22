import EnrollCore
import EventLog
import Foundation
import Sync
import Synchronization
import TestSupport
import Testing
import Trust

/// A kiosk database restored from a copy older than the last upload: the real receiver
/// holds a longer chain than the kiosk, and the uploader must notice it by every route the
/// server tells it (the start-up head question, a batch answer's head, a `sequence_taken`
/// refusal) and stop, instead of feeding a forked chain to refusals for ever.
@Suite(.serialized, .enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct UploaderOlderDatabaseTests {
    /// What the uploader handed on, and the journal.
    final class Findings: Sendable {
        let found = Mutex<[OlderDatabase]>([])
        let log = KeptLog()
        var all: [OlderDatabase] { found.withLock { $0 } }
        func note(_ finding: OlderDatabase) { found.withLock { $0.append(finding) } }
    }

    /// Uploads `uploaded` records, keeping a backup after `backupAfter` of them were
    /// committed (and, when `uploadBeforeBackup`, uploaded). Returns the kiosk restored from
    /// that backup.
    static func restoredKiosk(_ harness: IngestHarness, backupAfter: Int, uploadBeforeBackup: Bool, uploaded: Int) async throws -> SyncFixture {
        let fixture = try SyncFixture(harness: harness, records: backupAfter)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()
        if uploadBeforeBackup {
            let first = try fixture.uploader(fixture.settings())
            #expect(await SyncFixture.run(first, timeout: .seconds(60)) { fixture.backlog == 0 })
        }
        let backup = try fixture.backup()
        try fixture.commitMore(uploaded - backupAfter)
        let uploader = try fixture.uploader(fixture.settings())
        #expect(await SyncFixture.run(uploader, timeout: .seconds(60)) { fixture.backlog == 0 })
        #expect(try await fixture.serverRecords().map(\.sequence) == Array(1...UInt64(uploaded)))
        return try SyncFixture(harness: harness, deviceKey: fixture.deviceKey, storeFolder: backup)
    }

    static func runUntilFound(_ restored: SyncFixture, settings: SyncSettings, findings: Findings) async throws -> Uploader {
        let uploader = try restored.uploader(settings, log: findings.log, onOlderDatabase: { findings.note($0) })
        let found = await SyncFixture.run(uploader, timeout: .seconds(60)) { !findings.all.isEmpty }
        let lastError = await uploader.summary().lastError
        #expect(found, "no finding; last error: \(lastError ?? "none")")
        return uploader
    }

    static func expectStopped(_ uploader: Uploader, findings: Findings, serverHead: UInt64, localHead: UInt64) async {
        #expect(findings.all == [OlderDatabase(serverHead: serverHead, localHead: localHead)], "reported once, with both heads")
        let summary = await uploader.summary()
        #expect(summary.state == .backingOff)
        #expect(summary.lastError?.contains("older than the last upload") == true, "\(summary.lastError ?? "")")
        let entries = findings.log.messages(withID: CatalogEvent.databaseOlderThanServer.messageID)
        #expect(entries.count == 1, "one journal entry, got \(findings.log.messages)")
    }

    /// Nothing to send in the old copy: only the start-up head question can reveal it, before
    /// any new enrollment goes into the fork.
    @Test func anOldCopyWithNothingPendingIsCaughtByTheHeadQuestion() async throws {
        let harness = try IngestHarness()
        let restored = try await Self.restoredKiosk(harness, backupAfter: 3, uploadBeforeBackup: true, uploaded: 7)
        #expect(restored.backlog == 0)
        var settings = restored.settings()
        settings.deviceID = Hex.encode(restored.deviceKey.deviceID)
        let findings = Findings()
        let uploader = try await Self.runUntilFound(restored, settings: settings, findings: findings)
        await Self.expectStopped(uploader, findings: findings, serverHead: 7, localHead: 3)
    }

    /// Records still pending in the old copy go out again as duplicates; the answer's head
    /// shows the server further on.
    @Test func anOldCopyWithPendingRecordsIsCaughtByTheBatchAnswer() async throws {
        let harness = try IngestHarness()
        let restored = try await Self.restoredKiosk(harness, backupAfter: 4, uploadBeforeBackup: false, uploaded: 9)
        #expect(restored.backlog == 4)
        let findings = Findings()
        let uploader = try await Self.runUntilFound(restored, settings: restored.settings(), findings: findings)
        await Self.expectStopped(uploader, findings: findings, serverHead: 9, localHead: 4)
        #expect(try await restored.serverRecords().map(\.sequence) == Array(1...9), "the server's chain is untouched")
    }

    /// Without the head question (an older receiver), the first record sealed into the fork
    /// is refused as `sequence_taken`; its expected sequence reveals the server's head, and
    /// nothing more is sent.
    @Test func aRecordSealedIntoTheForkIsCaughtByItsRefusal() async throws {
        let harness = try IngestHarness()
        let restored = try await Self.restoredKiosk(harness, backupAfter: 2, uploadBeforeBackup: true, uploaded: 6)
        try restored.commitMore(1)
        let findings = Findings()
        let uploader = try await Self.runUntilFound(restored, settings: restored.settings(), findings: findings)
        await Self.expectStopped(uploader, findings: findings, serverHead: 6, localHead: 3)
        #expect(restored.backlog == 1, "the forked record stays in the outbox for the technician")
        #expect(try await restored.serverRecords().count == 6)
    }

    /// A kiosk the server is not ahead of answers the head question without a finding and
    /// uploads as before.
    @Test func aCurrentDatabaseUploadsAsBefore() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 5)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()
        var settings = fixture.settings()
        settings.deviceID = Hex.encode(fixture.deviceKey.deviceID)
        let findings = Findings()
        let uploader = try fixture.uploader(settings, log: findings.log, onOlderDatabase: { findings.note($0) })
        #expect(await SyncFixture.run(uploader, timeout: .seconds(60)) { fixture.backlog == 0 })
        #expect(findings.all.isEmpty)
        #expect(findings.log.messages(withID: CatalogEvent.databaseOlderThanServer.messageID).isEmpty)
    }
}
