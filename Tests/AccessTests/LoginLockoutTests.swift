import Testing
@testable import Access

@Suite struct LoginLockoutTests {
    let start = ContinuousClock.now
    let policy = LoginLockout.Policy(threshold: 5, base: .seconds(30), maximum: .seconds(3600))

    @Test func fiveFailuresLockForTheBaseThenEachFurtherDoubles() {
        var lockout = LoginLockout(policy: policy)
        for _ in 0..<4 { #expect(lockout.failed("a", now: start) == nil) }
        #expect(lockout.remaining("a", now: start) == nil)
        #expect(lockout.failed("a", now: start) == .seconds(30))
        #expect(lockout.remaining("a", now: start + .seconds(10)) == .seconds(20))
        #expect(lockout.remaining("a", now: start + .seconds(30)) == nil)
        #expect(lockout.failed("a", now: start + .seconds(31)) == .seconds(60))
        #expect(lockout.failed("a", now: start + .seconds(100)) == .seconds(120))
    }

    @Test func theLockNeverExceedsTheMaximum() {
        var lockout = LoginLockout(policy: policy)
        var last: Duration?
        for _ in 0..<60 { last = lockout.failed("a", now: start) }
        #expect(last == .seconds(3600))
    }

    @Test func successClearsOnlyThatID() {
        var lockout = LoginLockout(policy: policy)
        for _ in 0..<3 {
            lockout.failed("a", now: start)
            lockout.failed("b", now: start)
        }
        lockout.succeeded("a")
        #expect(lockout.failures("a") == 0)
        #expect(lockout.failures("b") == 3)
    }

    @Test func aFloodOfMadeUpIDsStaysBounded() {
        var lockout = LoginLockout(policy: policy)
        for i in 0..<(LoginLockout.maximumEntries + 100) { lockout.failed("id-\(i)", now: start) }
        #expect(lockout.failures("id-\(LoginLockout.maximumEntries + 99)") == 1)
    }

    /// The attack a reviewer ran: a victim escalated to a long lock, the table filled with
    /// made-up ids, the victim's lock left to run out, one more made-up id. The victim must
    /// keep its count, so its next failure doubles the lock again instead of starting over.
    @Test func aFloodNeverPushesOutAnEscalatedID() {
        var lockout = LoginLockout(policy: policy)
        for _ in 0..<7 { lockout.failed("victim", now: start) }
        #expect(lockout.remaining("victim", now: start) == .seconds(120))
        for i in 0..<(LoginLockout.maximumEntries - 1) { lockout.failed("made-up-\(i)", now: start) }
        let later = start + .seconds(121)
        #expect(lockout.remaining("victim", now: later) == nil)
        lockout.failed("one-more", now: later)
        #expect(lockout.failures("victim") == 7)
        #expect(lockout.failed("victim", now: later) == .seconds(240))
    }

    @Test func aTableFullOfLocksTracksNoNewIDButAnswersWithALock() {
        var lockout = LoginLockout(policy: policy)
        for i in 0..<LoginLockout.maximumEntries {
            for _ in 0..<policy.threshold { lockout.failed("locked-\(i)", now: start) }
        }
        #expect(lockout.failed("newcomer", now: start) == policy.base)
        #expect(lockout.failures("newcomer") == 0)
        #expect(lockout.failures("locked-0") == policy.threshold, "no lock was forgotten")
    }
}
