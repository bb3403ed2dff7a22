import EnrollCore
import Testing

@Suite struct QueueWarningTests {
    static let now = 1_780_000_000.0
    static let maximum = 1_000_000

    static func queue(depth: Int = 5, bytes: Int = 100_000, age: Double?) -> QueueSummary {
        QueueSummary(depth: depth, bytes: bytes, oldestAgeSeconds: age)
    }

    @Test func aDayOldRecordWarnsWithItsDateCountAndShare() {
        let warning = QueueWarning.evaluate(queue: Self.queue(depth: 7, bytes: 250_000, age: 90_000), maximumQueueBytes: Self.maximum,
                                            syncFailing: false, now: Self.now)
        #expect(warning == QueueWarning(since: Self.now - 90_000, records: 7, fraction: 0.25))
    }

    @Test(arguments: [
        // (age, failing, bytes, warns)
        (86_000.0, false, 100_000, false),  // under a day, uploads fine: normal waiting
        (86_401.0, false, 100_000, true),   // over a day
        (3_500.0, true, 100_000, false),    // failing, but only a brief while
        (3_601.0, true, 100_000, true),     // failing for over an hour
        (10.0, false, 799_999, false),      // just under 80 %
        (10.0, false, 800_000, true),       // 80 %: warned even while uploads work
        (10.0, false, 1_200_000, true),     // past the limit
    ])
    func thresholds(age: Double, failing: Bool, bytes: Int, warns: Bool) {
        let warning = QueueWarning.evaluate(queue: Self.queue(bytes: bytes, age: age), maximumQueueBytes: Self.maximum, syncFailing: failing, now: Self.now)
        #expect((warning != nil) == warns)
    }

    /// Nothing at risk, nothing to say; and readings that make no sense warn of nothing
    /// rather than of a made-up date.
    @Test func emptyOrNonsensicalQueuesAreNoWarning() {
        #expect(QueueWarning.evaluate(queue: .empty, maximumQueueBytes: Self.maximum, syncFailing: true, now: Self.now) == nil)
        #expect(QueueWarning.evaluate(queue: Self.queue(depth: 0, age: 100_000), maximumQueueBytes: Self.maximum, syncFailing: true, now: Self.now) == nil)
        #expect(QueueWarning.evaluate(queue: Self.queue(age: nil), maximumQueueBytes: Self.maximum, syncFailing: true, now: Self.now) == nil)
        #expect(QueueWarning.evaluate(queue: Self.queue(age: -5), maximumQueueBytes: Self.maximum, syncFailing: true, now: Self.now) == nil)
        #expect(QueueWarning.evaluate(queue: Self.queue(age: .infinity), maximumQueueBytes: Self.maximum, syncFailing: true, now: Self.now) == nil)
        #expect(QueueWarning.evaluate(queue: Self.queue(age: .nan), maximumQueueBytes: Self.maximum, syncFailing: true, now: Self.now) == nil)
        // No maximum configured: the share is unknown (0), the age still counts.
        let noMaximum = QueueWarning.evaluate(queue: Self.queue(age: 90_000), maximumQueueBytes: 0, syncFailing: false, now: Self.now)
        #expect(noMaximum?.fraction == 0)
    }
}
