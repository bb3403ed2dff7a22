import EnrollCore
import EventLog
import Foundation
import Logging
import Sync
import TestSupport
import Testing
import Trust

/// The start-up head check is the kiosk's first word to the central server: an unregistered
/// or revoked kiosk, or a server that cannot be reached, shows as the sync's last error
/// (and so in `enrollctl sync`) before any record is queued, journalled once at its level.
@Suite(.serialized, .enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct UploaderHeadCheckTests {
    static func kiosk(_ harness: IngestHarness, records: Int = 0) throws -> SyncFixture {
        try SyncFixture(harness: harness, records: records)
    }

    static func headChecking(_ fixture: SyncFixture, url: String? = nil) -> SyncSettings {
        var settings = fixture.settings()
        settings.deviceID = Hex.encode(fixture.deviceKey.deviceID)
        if let url { settings.url = url }
        return settings
    }

    @Test func anUnregisteredKioskShowsTheServerDoesNotKnowItBeforeAnyRecord() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        let fixture = try Self.kiosk(harness)
        let log = KeptLog()
        let uploader = try fixture.uploader(Self.headChecking(fixture), log: log)
        let task = Task { try await uploader.run() }
        defer { task.cancel() }
        let shown = await Self.wait { await uploader.summary().lastError != nil }
        #expect(shown)
        let summary = await uploader.summary()
        #expect(summary.lastError == SyncProblem.http(status: 403, detail: nil).text)
        #expect(summary.lastError?.contains("the central server does not know this kiosk (not registered or revoked)") == true)
        #expect(summary.state == .backingOff)
        #expect(summary.backlog == 0)
        // Journalled once at error level, however often it is retried meanwhile.
        let entries = log.entries.filter { $0.id == CatalogEvent.centralTrustFailing.messageID }
        #expect(entries.count == 1 && entries.first?.level == .error, "\(log.messages)")

        // Central IT registers it: the next head check (here after `sync now`) clears it.
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        uploader.syncNow()
        let cleared = await Self.wait { await uploader.summary().lastError == nil }
        let left = await uploader.summary().lastError
        #expect(cleared, "\(left ?? "")")
        #expect(await uploader.summary().state == .idle)
        #expect(log.messageIDs.contains(CatalogEvent.syncRecovered.messageID))
        task.cancel()
        _ = await task.result
    }

    @Test func aServerThatRefusesConnectionsShowsAtOnceInPlainWords() async throws {
        let harness = try IngestHarness()
        let fixture = try Self.kiosk(harness)
        // A port nobody listens on: refused at once.
        let closed = "https://127.0.0.1:\(try ClosedPort.find())"
        let log = KeptLog()
        let uploader = try fixture.uploader(Self.headChecking(fixture, url: closed), log: log)
        let task = Task { try await uploader.run() }
        defer { task.cancel() }
        #expect(await Self.wait { await uploader.summary().lastError != nil })
        let text = try #require(await uploader.summary().lastError)
        #expect(text.contains("refuses connections") && text.contains("central.url") && text.contains(closed), "\(text)")
        #expect(!text.contains("errno") && !text.contains("error set"), "\(text)")
        #expect(log.entries.filter { $0.id == CatalogEvent.syncFailing.messageID }.count == 1)
        // The raw detail is kept for the debug log.
        #expect(log.entries.contains { $0.level == .debug && "\($0.metadata[LogKey.error] ?? "")".contains("111") })
        task.cancel()
        _ = await task.result
    }

    /// Waits (a generous bound: these tests assert what happened, not how fast).
    static func wait(within limit: Duration = .seconds(60), _ done: @escaping @Sendable () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        var held = await done()
        while !held, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
            held = await done()
        }
        return held
    }
}
