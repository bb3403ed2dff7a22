import EnrollCore
import TestSupport
import Testing

@Suite struct BackoffPolicyTests {
    let policy = BackoffPolicy(initialMilliseconds: 1_000, capMilliseconds: 60_000, multiplier: 2)

    @Test func ceilingDoublesUpToTheCap() {
        #expect((0...9).map { policy.ceiling(afterFailures: $0) } == [0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000])
        #expect(policy.ceiling(afterFailures: 10_000) == 60_000)
    }

    @Test func jitterStaysWithinHalfToFullCeilingAndSpreads() {
        var generator = SeededGenerator(seed: 11)
        for failures in 1...12 {
            let ceiling = policy.ceiling(afterFailures: failures)
            let delays = (0..<200).map { _ in policy.delay(afterFailures: failures, using: &generator) }
            #expect(delays.allSatisfy { $0 >= ceiling / 2 && $0 <= ceiling })
            // Jitter: a fleet retrying together must not stay in lock-step.
            #expect(Set(delays).count > 50)
        }
    }

    @Test func retryAfterIsAFloorButStillCapped() {
        var generator = SeededGenerator(seed: 12)
        #expect(policy.delay(afterFailures: 1, retryAfterMilliseconds: 30_000, using: &generator) == 30_000)
        #expect(policy.delay(afterFailures: 1, retryAfterMilliseconds: 10_000_000, using: &generator) == 60_000)
        let small = policy.delay(afterFailures: 6, retryAfterMilliseconds: 1, using: &generator)
        #expect(small >= 16_000 && small <= 32_000)
    }

    @Test(arguments: [("5", Int64(5_000)), (" 120 ", 120_000), ("0", 0)])
    func parsesRetryAfterSeconds(_ header: String, _ expected: Int64) {
        #expect(BackoffPolicy.retryAfterMilliseconds(header) == expected)
    }

    @Test(arguments: ["", "-3", "soon", "Wed, 21 Oct 2015 07:28:00 GMT", "99999999999999999999", "1e3"])
    func ignoresOtherRetryAfterValues(_ header: String) {
        #expect(BackoffPolicy.retryAfterMilliseconds(header) == nil)
    }

    /// An hour-long outage on a simulated clock: the attempts are bounded and none waits
    /// longer than the cap, so the kiosk is back within one cap of the server's return.
    @Test func anHourLongOutageOnASimulatedClock() {
        var generator = SeededGenerator(seed: 13)
        var now: Int64 = 0
        var failures = 0
        var longest: Int64 = 0
        while now < 3_600_000 {
            failures += 1
            let delay = policy.delay(afterFailures: failures, using: &generator)
            longest = max(longest, delay)
            now += delay
        }
        #expect(longest <= 60_000)
        #expect(failures >= 60 && failures <= 130)
        #expect(now - 3_600_000 <= 60_000)
    }
}
