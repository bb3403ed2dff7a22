import EnrollCore
import Testing

/// A receipted record leaves the kiosk only when its retention has passed and the central
/// server confirmed, after that, that its chain still reaches the record.
@Suite struct PurgeRuleTests {
    let day: Int64 = 86_400_000

    @Test("Confirmed after the retention ended, at or above the record: purge")
    func confirmed() {
        let rule = PurgeRule(confirmedHead: 10, confirmedAt: 5 * day)
        #expect(PurgeRule.mayPurge(sequence: 10, purgeAfter: 4 * day, now: 6 * day, rule: rule))
        #expect(PurgeRule.mayPurge(sequence: 3, purgeAfter: 5 * day, now: 5 * day, rule: rule))
    }

    @Test("Never confirmed (a kiosk that has not reached the server): keep")
    func neverConfirmed() {
        #expect(!PurgeRule.mayPurge(sequence: 1, purgeAfter: 0, now: 100 * day, rule: nil))
    }

    @Test("The server's head is below the record (restored from an older backup): keep")
    func serverBehind() {
        let rule = PurgeRule(confirmedHead: 6, confirmedAt: 9 * day)
        #expect(!PurgeRule.mayPurge(sequence: 7, purgeAfter: 4 * day, now: 10 * day, rule: rule))
        #expect(PurgeRule.mayPurge(sequence: 6, purgeAfter: 4 * day, now: 10 * day, rule: rule))
    }

    @Test("The confirmation is older than the end of the retention (server unreachable since): keep")
    func staleConfirmation() {
        let rule = PurgeRule(confirmedHead: 10, confirmedAt: 3 * day)
        #expect(!PurgeRule.mayPurge(sequence: 5, purgeAfter: 4 * day, now: 10 * day, rule: rule))
    }

    @Test("Retention not over: keep, whatever the server says")
    func retentionRunning() {
        let rule = PurgeRule(confirmedHead: 10, confirmedAt: 9 * day)
        #expect(!PurgeRule.mayPurge(sequence: 5, purgeAfter: 9 * day + 1, now: 9 * day, rule: rule))
    }
}
