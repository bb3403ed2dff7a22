import EnrollCore
import Foundation
import Logging
import ServiceLifecycle
import Sync
import TestSupport
import Testing

/// A graceful shutdown (SIGTERM in the daemon) ends the uploader at once, whatever it is
/// waiting for: a request to a server that never answers, connect attempts to a refused
/// port, a long back-off. The time-outs here are an hour, the wait for the stop is a
/// minute: the tests assert that the stop returned, not how fast. Nothing is lost.
@Suite(.serialized, .enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct UploaderShutdownTests {
    static let hour: Int64 = 3_600_000

    /// Runs `uploader` in a ServiceGroup as the daemon does, waits until `ready`, triggers
    /// the graceful shutdown and says whether the group returned within a generous bound.
    static func stops(_ uploader: Uploader, once ready: @escaping @Sendable () async -> Bool) async -> (ready: Bool, returned: Bool) {
        let group = ServiceGroup(configuration: .init(services: [uploader], logger: Logger(label: "shutdown-test")))
        let running = Task { try await group.run() }
        // Generous: in a full test run on two shared cores the first attempt once took
        // more than a minute to begin. Only that the stop returns is asserted.
        let isReady = await UploaderHeadCheckTests.wait(within: .seconds(240), ready)
        await group.triggerGracefulShutdown()
        let returned = await withTaskGroup(of: Bool.self) { waiting in
            waiting.addTask { _ = await running.result; return true }
            waiting.addTask {
                try? await Task.sleep(for: .seconds(60))
                return false
            }
            let first = await waiting.next() ?? false
            // Not returned: cancel it outright so the test ends (and fails).
            if !first { running.cancel() }
            waiting.cancelAll()
            return first
        }
        return (isReady, returned)
    }

    @Test func aRequestToAServerThatNeverAnswersIsCancelled() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 3)
        let silent = try SilentListener()
        var settings = fixture.settings()
        settings.url = silent.url
        settings.connectTimeoutMilliseconds = Self.hour
        settings.readTimeoutMilliseconds = Self.hour
        let uploader = try fixture.uploader(settings)
        let outcome = await Self.stops(uploader) { await uploader.summary().state == .uploading }
        #expect(outcome.ready && outcome.returned)
        // The records stay queued, and the stop is not reported as a server problem.
        #expect(fixture.backlog == 3)
        #expect(await uploader.summary().lastError == nil)
    }

    @Test func connectAttemptsToARefusedPortAreCancelled() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 2)
        var settings = fixture.settings()
        settings.url = "https://127.0.0.1:\(try ClosedPort.find())"
        // async-http-client keeps retrying a refused connect until this time-out.
        settings.connectTimeoutMilliseconds = Self.hour
        let uploader = try fixture.uploader(settings)
        let outcome = await Self.stops(uploader) { await uploader.summary().state == .uploading }
        #expect(outcome.ready && outcome.returned)
        #expect(fixture.backlog == 2)
    }

    @Test func aLongBackOffIsCutShort() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 2)
        var settings = fixture.settings()
        settings.url = "https://127.0.0.1:\(try ClosedPort.find())"
        settings.backoff = BackoffPolicy(initialMilliseconds: Self.hour, capMilliseconds: Self.hour)
        let uploader = try fixture.uploader(settings)
        let outcome = await Self.stops(uploader) { await uploader.summary().state == .backingOff }
        #expect(outcome.ready && outcome.returned)
        #expect(fixture.backlog == 2)
        #expect(await uploader.summary().lastError?.contains("refuses connections") == true)
    }
}
