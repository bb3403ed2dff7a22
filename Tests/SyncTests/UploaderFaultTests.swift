import EnrollCore
import Foundation
import Store
import Sync
import TestSupport
import Testing
import Trust

/// The uploader against a real enroll-ingest over real mutual TLS on loopback, with the
/// receiver misbehaving on purpose. `ENROLLD_SYNC_RECORDS` sets the size of the main run
/// (10,000 in `make test`).
@Suite(.serialized, .enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct UploaderFaultTests {
    static let records = ProcessInfo.processInfo.environment["ENROLLD_SYNC_RECORDS"].flatMap(Int.init) ?? 10_000

    /// Every record at the receiver exactly once, in sequence, no gaps, the same bytes as
    /// the kiosk's; every local record receipted (a receipt is stored only after it
    /// verified) and still present (nothing deleted before its receipt).
    static func expectDelivered(_ fixture: SyncFixture, count: Int) async throws {
        let server = try await fixture.serverRecords()
        let local = try fixture.localRecords()
        #expect(server.count == count)
        #expect(server.map(\.sequence) == Array(1...UInt64(count)))
        #expect(local.count == count)
        #expect(zip(server, local).allSatisfy { $0.hash == $1.hash })
        #expect(fixture.backlog == 0)
    }

    @Test func drainsThroughErrorsDropsStallsAndARestart() async throws {
        let harness = try IngestHarness(faults: "5xx=0.3,drop=0.1,stall=0.01,stall_seconds=6,seed=7")
        let fixture = try SyncFixture(harness: harness, records: Self.records)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()
        let uploader = try fixture.uploader(fixture.settings(batch: 100))
        let task = Task { try await uploader.run() }
        // Kill the receiver mid-stream (mid-batch as likely as not) and bring it back.
        let halfway = Self.records / 2
        let deadline = ContinuousClock.now + .seconds(600)
        while fixture.backlog > halfway, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        await harness.kill()
        try await Task.sleep(for: .milliseconds(500))
        try await harness.start()
        while fixture.backlog > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        task.cancel()
        _ = await task.result
        try await Self.expectDelivered(fixture, count: Self.records)
        let summary = await uploader.summary()
        #expect(summary.delivered == Self.records)
        #expect(summary.lastSuccess != nil)
    }

    /// Central IT restarts PostgreSQL under a running receiver (a minor upgrade, a
    /// fail-over): uploads in between fail and are retried, the receiver reconnects by
    /// itself, and every record arrives once, without restarting anything else.
    @Test(.enabled(if: ThrowawayPostgres.available, "needs Debian's PostgreSQL server binaries"))
    func aPostgresRestartUnderTheReceiverIsRiddenOut() async throws {
        let harness = try IngestHarness(postgres: true)
        let postgres = try #require(harness.postgres)
        let fixture = try SyncFixture(harness: harness, records: 5)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()
        var settings = fixture.settings(batch: 5)
        settings.backoff = BackoffPolicy(initialMilliseconds: 200, capMilliseconds: 1_000)
        let uploader = try fixture.uploader(settings)
        let task = Task { try await uploader.run() }
        defer { task.cancel() }
        #expect(await UploaderAuditTests.wait { fixture.backlog == 0 })

        try postgres.stop()
        try fixture.commitMore(5)
        uploader.syncNow()
        // The receiver cannot store them: the kiosk sees a failure and keeps the records.
        #expect(await UploaderAuditTests.wait { await uploader.summary().lastError != nil })
        #expect(fixture.backlog == 5)
        try postgres.start()
        let drained = await UploaderAuditTests.wait { fixture.backlog == 0 }
        let problem = await uploader.summary().lastError ?? ""
        #expect(drained, "\(problem)")
        task.cancel()
        _ = await task.result
        try await Self.expectDelivered(fixture, count: 10)
        #expect(harness.server?.process.isRunning == true, "the receiver rode the restart out")
    }

    /// Over the wire to the real process, with each storage (PostgreSQL where installed).
    @Test(arguments: ThrowawayPostgres.available ? [false, true] : [false])
    func aReplayedBatchIsDuplicateAndChangesNothing(postgres: Bool) async throws {
        let harness = try IngestHarness(postgres: postgres)
        let fixture = try SyncFixture(harness: harness, records: 30)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()
        let settings = fixture.settings(batch: 10)
        #expect(await SyncFixture.run(try fixture.uploader(settings), timeout: .seconds(120)) { fixture.backlog == 0 })
        let before = try await fixture.serverRecords()
        // The first ten again, straight over the wire as the kiosk would resend them.
        let transport = try HTTPIngestTransport(settings: settings)
        let old = try fixture.store.envelopes(from: 1, limit: 10).map(\.envelope)
        let response = try await transport.post(batch: RecordBatch.encode(old))
        await transport.shutdown()
        #expect(response.status == 200)
        let reply = try JSONDecoder().decode(IngestReply.self, from: Data(response.body))
        #expect(reply.results.map(\.status) == Array(repeating: .duplicate, count: 10))
        #expect(reply.headSequence == 30)
        let after = try await fixture.serverRecords()
        #expect(after.map(\.sequence) == before.map(\.sequence))
        #expect(after.map(\.hash) == before.map(\.hash))
    }

    /// An hour without the server, on a simulated clock: back-off grows to its cap and no
    /// further, nothing is receipted or deleted meanwhile, and the backlog drains once the
    /// server is back.
    @Test func anHourLongOutageOnAControllableClock() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 200)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()
        await harness.kill()
        let timer = FakeSyncTimer()
        var settings = fixture.settings(batch: 50)
        settings.backoff = BackoffPolicy(initialMilliseconds: 1_000, capMilliseconds: 300_000)
        let uploader = try fixture.uploader(settings, timer: timer)
        let start = timer.now()
        // One run throughout, as in the daemon (run() shuts its HTTP client down at the end).
        let task = Task { try await uploader.run() }
        let deadline = ContinuousClock.now + .seconds(300)
        while timer.now() - start < 3_600_000, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(timer.now() - start >= 3_600_000)
        #expect(fixture.backlog == 200)
        let sleeps = timer.sleeps
        #expect(sleeps.max() ?? 0 <= 300_000)
        #expect(sleeps.count < 40)
        let summary = await uploader.summary()
        #expect(summary.lastError?.contains("refuses connections") == true, "\(summary.lastError ?? "")")

        try await harness.start()
        // The server is back; `sync now` cuts the current back-off short.
        uploader.syncNow()
        while fixture.backlog > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        task.cancel()
        _ = await task.result
        try await Self.expectDelivered(fixture, count: 200)
    }
}
