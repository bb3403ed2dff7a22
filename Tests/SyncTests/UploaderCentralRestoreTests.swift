import EnrollCore
import EventLog
import Foundation
import Store
import Sync
import TestSupport
import Testing
import Trust

/// The central server's database restored from a backup older than the kiosk's last
/// receipts, with the real enroll-ingest over mutual TLS, on SQLite and on PostgreSQL: the
/// kiosk sends the records the centre lost again from its outbox and carries on; when it
/// purged them already, it says so and waits for the operator's `accept-gap`.
@Suite(.serialized, .enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct UploaderCentralRestoreTests {
    /// SQLite always; PostgreSQL where its server binaries are installed.
    static let storages: [Bool] = ThrowawayPostgres.available ? [false, true] : [false]

    /// A kiosk that uploaded `total` records to a receiver whose database was backed up
    /// after the first `backedUp` had arrived.
    static func uploaded(postgres: Bool, backedUp: Int, total: Int) async throws -> (IngestHarness, SyncFixture, CentralBackup) {
        let harness = try IngestHarness(postgres: postgres)
        let fixture = try SyncFixture(harness: harness, records: backedUp)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()
        let first = try fixture.uploader(fixture.settings())
        #expect(await SyncFixture.run(first, timeout: .seconds(60)) { fixture.backlog == 0 })
        let backup = try CentralBackup.take(harness)
        try fixture.commitMore(total - backedUp)
        let second = try fixture.uploader(fixture.settings())
        #expect(await SyncFixture.run(second, timeout: .seconds(60)) { fixture.backlog == 0 })
        #expect(try await fixture.serverRecords().map(\.sequence) == Array(1...UInt64(total)))
        return (harness, fixture, backup)
    }

    /// The server holds exactly the kiosk's chain, record for record.
    static func expectComplete(_ fixture: SyncFixture, count: Int) async throws {
        let server = try await fixture.serverRecords()
        let local = try fixture.localRecords()
        #expect(server.map(\.sequence) == Array(1...UInt64(count)))
        #expect(server.count == local.count && zip(server, local).allSatisfy { $0.hash == $1.hash })
        #expect(fixture.backlog == 0, "every record has a verified receipt stored")
    }

    @Test(arguments: storages)
    func aRestoredServerGetsItsLostRecordsAgainAndTheChainGoesOn(postgres: Bool) async throws {
        try #require(CentralBackup.available(postgres: postgres), "needs sqlite3 / pg_dump to back up the receiver")
        let (harness, fixture, backup) = try await Self.uploaded(postgres: postgres, backedUp: 4, total: 10)
        try await backup.restore(into: harness)
        #expect(try await fixture.serverRecords().map(\.sequence) == [1, 2, 3, 4])
        try fixture.commitMore(2)
        let log = KeptLog()
        let uploader = try fixture.uploader(fixture.settings(batch: 4), log: log)
        let done = await SyncFixture.run(uploader, timeout: .seconds(90)) { (try? await fixture.serverRecords().count) == 12 && fixture.backlog == 0 }
        let lastError = await uploader.summary().lastError
        #expect(done, "last error: \(lastError ?? "none")")
        try await Self.expectComplete(fixture, count: 12)
        let summary = await uploader.summary()
        #expect(summary.resent == 6)
        #expect(summary.centralMissing == nil, "the episode is over once the server holds the records")
        let entries = log.messages(withID: CatalogEvent.centralRecordsResent.messageID)
        #expect(entries.count == 1, "journalled once: \(log.messages)")
        #expect(entries.first?.contains("missing records 5…10") == true)
        #expect(try fixture.store.supersededReceiptCount() == 6, "the first receipts are kept aside")
    }

    @Test(arguments: storages)
    func anIdleKioskFindsTheRestoreByTheHeadQuestion(postgres: Bool) async throws {
        try #require(CentralBackup.available(postgres: postgres), "needs sqlite3 / pg_dump to back up the receiver")
        let (harness, fixture, backup) = try await Self.uploaded(postgres: postgres, backedUp: 3, total: 7)
        try await backup.restore(into: harness)
        var settings = fixture.settings()
        settings.deviceID = Hex.encode(fixture.deviceKey.deviceID)
        let uploader = try fixture.uploader(settings)
        let done = await SyncFixture.run(uploader, timeout: .seconds(90)) { (try? await fixture.serverRecords().count) == 7 && fixture.backlog == 0 }
        let lastError = await uploader.summary().lastError
        #expect(done, "last error: \(lastError ?? "none")")
        try await Self.expectComplete(fixture, count: 7)
        #expect(await uploader.summary().resent == 4)
    }

    @Test(arguments: storages)
    func purgedRecordsWaitForTheOperatorsAcceptGap(postgres: Bool) async throws {
        try #require(CentralBackup.available(postgres: postgres), "needs sqlite3 / pg_dump to back up the receiver")
        let (harness, fixture, backup) = try await Self.uploaded(postgres: postgres, backedUp: 3, total: 8)
        // Two days on, the server confirmed its head after the retention ended: all purged.
        let later = WallClock.milliseconds() + 2 * 86_400_000
        try fixture.store.noteCentralHead(8, at: later)
        #expect(try fixture.store.purge(now: later) == 8)
        try await backup.restore(into: harness)
        func acceptGap(_ arguments: [String]) throws -> (Int32, String, String) {
            try harness.run(["accept-gap", "--devices", harness.devices.path, "--database", harness.database.path]
                + (harness.postgresURL.map { ["--postgres", $0] } ?? []) + arguments)
        }
        #expect(try acceptGap(["--label", "kiosk", "--after", "8"]).0 != 0, "no gap seen yet")
        try fixture.commitMore(2)
        let log = KeptLog()
        let uploader = try fixture.uploader(fixture.settings(), log: log)
        let task = Task { try await uploader.run() }
        defer { task.cancel() }
        let deadline = ContinuousClock.now + .seconds(60)
        // Until it is journalled and the uploader waits out its back-off (it alternates).
        var stuck = await uploader.summary()
        while ContinuousClock.now < deadline {
            stuck = await uploader.summary()
            if stuck.state == .backingOff, !log.messages(withID: CatalogEvent.centralRecordsLost.messageID).isEmpty { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(stuck.centralMissing == CentralMissing(from: 4, through: 8, resending: false))
        #expect(stuck.state == .backingOff)
        #expect(stuck.lastError?.contains("accept-gap") == true)
        #expect(try await fixture.serverRecords().map(\.sequence) == [1, 2, 3])
        #expect(try fixture.store.centralHead()?.confirmedHead == 3, "the lower head is remembered at once")

        // Wrong input is refused and changes nothing.
        #expect(try acceptGap(["--label", "no-such-kiosk", "--after", "8"]).0 != 0)
        #expect(try acceptGap(["--device-id", String(repeating: "ab", count: 16), "--after", "8"]).0 != 0)
        #expect(try acceptGap(["--device-id", "xyz", "--after", "8"]).0 != 0)
        let wrong = try acceptGap(["--label", "kiosk", "--after", "7"])
        #expect(wrong.0 != 0)
        #expect(wrong.2.contains("4…8"), "names the current gap: \(wrong.2)")
        #expect(try acceptGap(["--label", "kiosk", "--after", "9"]).0 != 0)
        let shown = try acceptGap(["--label", "kiosk"])
        #expect(shown.0 == 0 && shown.1.contains("--after 8"), "\(shown)")
        #expect(try await fixture.serverRecords().map(\.sequence) == [1, 2, 3])

        let accepted = try acceptGap(["--label", "kiosk", "--after", "8"])
        #expect(accepted.0 == 0, "\(accepted)")
        #expect(accepted.1.contains("4…8"))
        // The receipts are committed a moment before the uploader clears the gap it saw:
        // wait for both, as a technician would see them settle.
        while ContinuousClock.now < deadline + .seconds(60) {
            if fixture.backlog == 0, await uploader.summary().centralMissing == nil { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(try await fixture.serverRecords().map(\.sequence) == [1, 2, 3, 9, 10])
        #expect(fixture.backlog == 0)
        #expect(await uploader.summary().centralMissing == nil)
        #expect(log.messages(withID: CatalogEvent.centralRecordsLost.messageID).count == 1, "journalled once: \(log.messages)")
        // The gap is closed: nothing left to accept.
        #expect(try acceptGap(["--label", "kiosk", "--after", "8"]).0 != 0)
    }
}
