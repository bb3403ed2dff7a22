import EnrollCore
import Testing

/// The daemon stopping ends an open session like a cancel, with its own reason, except
/// while the record is being written.
@Suite struct SessionStopTests {
    @Test(arguments: SessionTimeoutTests.Reach.allCases)
    func everyWaitingStepEndsWhenTheDaemonStops(_ reach: SessionTimeoutTests.Reach) throws {
        var driver = try reach.drive()
        #expect(try driver.send(.stop) == [.wipe])
        #expect(driver.session.step == .aborted(.daemonStopping))
        #expect(driver.session.summary.fingers.isEmpty && driver.session.summary.subject.isEmpty)
        // Ended is ended: a second stop is refused, nothing changes.
        #expect(throws: SessionRefusal.self) { try driver.send(.stop) }
        #expect(driver.session.step == .aborted(.daemonStopping))
    }

    @Test func aCommitUnderWayIsNotStopped() throws {
        var driver = SessionDriver()
        try driver.toReview()
        try driver.send(.confirm)
        #expect(throws: SessionRefusal.self) { try driver.send(.stop) }
        #expect(driver.session.step == .committing)
        #expect(try driver.send(.commitSucceeded(recordID: "r")) == [.wipe])
    }

    @Test func theReasonHasItsWireName() {
        #expect(AbortReason.daemonStopping.rawValue == "daemon_stopping")
    }
}
