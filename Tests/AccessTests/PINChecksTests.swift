@testable import Access
import Dispatch
import Testing

/// PIN checks run on their own thread, a bounded number at a time: a flood of logins is
/// refused at once (429) instead of queueing behind the slow hash.
@Suite struct PINChecksTests {
    @Test func beyondTheQueuedLimitALoginIsRefusedAtOnce() async throws {
        let release = DispatchSemaphore(value: 0)
        let checks = PINChecks(maximumWaiting: 2) { pin, _ in
            release.wait()  // a check that takes as long as the test says
            return pin == "4711"
        }
        let first = Task { try await checks.verify("4711", against: []) }
        let second = Task { try await checks.verify("0000", against: []) }
        // Bounded, so a regression fails here instead of hanging the whole run.
        let deadline = ContinuousClock.now + .seconds(10)
        while checks.queued < 2 {
            try #require(ContinuousClock.now < deadline, "the two checks never queued (\(checks.queued))")
            try await Task.sleep(for: .milliseconds(5))
        }
        await #expect {
            _ = try await checks.verify("4711", against: [])
        } throws: { error in
            (error as? AccessDenied).map { $0.code == .tooManyLogins && $0.status == 429 && $0.retryAfterSeconds == 1 } ?? false
        }
        release.signal()
        release.signal()
        #expect(try await first.value == true)
        #expect(try await second.value == false)
        #expect(checks.queued == 0)
        // Room again once the queue has drained.
        release.signal()
        #expect(try await checks.verify("4711", against: []) == true)
    }

    @Test func theRealHashIsTheDefault() async throws {
        let stored = PINHasher(iterations: 1000).hash("2580")
        #expect(try await PINChecks().verify("2580", against: stored))
        #expect(try await !PINChecks().verify("0852", against: stored))
    }
}
