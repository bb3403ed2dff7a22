import EnrollCore
import Testing

/// The step deadline restarts with every capture attempt and exception asked for; a
/// staffed step that waits for a supervisor gets the longer supervisor's wait; staff may
/// ask for more time (a station a bounded number of times: SessionStationMoreTimeTests).
@Suite struct SessionDeadlineTests {
    /// A policy whose two waits are far apart, so which one applies is plain.
    static let policy: SessionPolicy = {
        var policy = SessionPolicy.standard
        policy.stepTimeout = .seconds(120)
        policy.supervisorWait = .seconds(600)
        return policy
    }()

    @Test func aLowQualityRetryGetsAWholeNewWindow() throws {
        var driver = SessionDriver(policy: Self.policy)
        try driver.toFirstFinger()
        // Each rejected attempt comes 100 s after the last: three in 300 s, never timed out.
        try driver.send(.fingerCaptured(.rightIndex, quality: .scored(10), captureID: "a"), after: .seconds(100))
        try driver.send(.fingerCaptured(.rightIndex, quality: .scored(10), captureID: "b"), after: .seconds(100))
        #expect(driver.session.step == .finger(.rightIndex))
        try driver.send(.fingerCaptured(.rightIndex, quality: .scored(80), captureID: "c"), after: .seconds(100))
        #expect(driver.session.step == .finger(.leftIndex))
    }

    @Test func startingACaptureRestartsTheDeadline() throws {
        var driver = SessionDriver(policy: Self.policy)
        try driver.toFirstFinger()
        #expect(try driver.send(.captureStarted, after: .seconds(110)) == [])
        #expect(driver.session.deadline == driver.now + .seconds(120))
        #expect(!driver.session.awaitingSupervisor)
        #expect(try driver.send(.tick, after: .seconds(119)) == [])
        #expect(try driver.send(.tick, after: .seconds(1)) == [.wipe])
        #expect(driver.session.step == .aborted(.timedOut))
    }

    @Test func aCaptureCannotStartOnceTheAttemptsAreUsed() throws {
        var driver = SessionDriver(policy: Self.policy)
        try driver.toFirstFinger()
        for id in ["a", "b", "c"] { try driver.send(.fingerCaptured(.rightIndex, quality: .scored(10), captureID: id)) }
        let deadline = driver.session.deadline
        let refusal = #expect(throws: SessionRefusal.self) { try driver.send(.captureStarted) }
        #expect(refusal?.code == .attemptsUsed)
        #expect(driver.session.deadline == deadline)
    }

    @Test func aStaffedFingerOutOfAttemptsWaitsForASupervisor() throws {
        var driver = SessionDriver(policy: Self.policy)
        try driver.toFirstFinger()
        for id in ["a", "b", "c"] { try driver.send(.fingerCaptured(.rightIndex, quality: .scored(10), captureID: id), after: .seconds(30)) }
        #expect(driver.session.awaitingSupervisor)
        #expect(try driver.send(.tick, after: .seconds(599)) == [])
        #expect(driver.session.step == .finger(.rightIndex))
        // The supervisor approves: the next finger has the ordinary step time again.
        try driver.send(.fingerException(.rightIndex, CaptureException(reason: .injured, approvedBy: "sup1")), after: .zero)
        #expect(driver.session.step == .finger(.leftIndex) && !driver.session.awaitingSupervisor)
        #expect(driver.session.deadline == driver.now + .seconds(120))
    }

    @Test func aStaffedFaceOutOfAttemptsWaitsForASupervisorToo() throws {
        var driver = SessionDriver(policy: Self.policy)
        try driver.toFirstFinger()
        try driver.captureAllFingers()
        for id in ["a", "b", "c"] { try driver.send(.faceCaptured(quality: .scored(10), captureID: id)) }
        #expect(driver.session.step == .face && driver.session.awaitingSupervisor)
        #expect(driver.session.deadline == driver.now + .seconds(600))
    }

    @Test func askingForAnExceptionWaitsForASupervisorWhenStaffed() throws {
        var driver = SessionDriver(policy: Self.policy)
        try driver.toFirstFinger()
        #expect(try driver.send(.exceptionRequested, after: .seconds(110)) == [])
        #expect(driver.session.awaitingSupervisor && driver.session.deadline == driver.now + .seconds(600))
        // Refused for want of a supervisor: the wait stands while one is fetched.
        #expect(throws: SessionRefusal.self) {
            try driver.send(.fingerException(.rightIndex, CaptureException(reason: .missing)), after: .seconds(300))
        }
        #expect(try driver.send(.tick, after: .seconds(299)) == [])
        try driver.send(.fingerException(.rightIndex, CaptureException(reason: .missing, approvedBy: "sup1")), after: .zero)
        #expect(driver.session.step == .finger(.leftIndex))
    }

    @Test func askingForAnExceptionAtAStationOnlyRestartsTheStepTime() throws {
        var driver = SessionDriver(mode: .unattended(stationID: "st"), policy: Self.policy)
        try driver.toFirstFinger()
        try driver.send(.exceptionRequested, after: .seconds(110))
        #expect(!driver.session.awaitingSupervisor && driver.session.deadline == driver.now + .seconds(120))
    }

    @Test func exceptionsAndCapturesAreAskedForOnlyAtCaptureSteps() throws {
        var driver = SessionDriver(policy: Self.policy)
        for event in [SessionEvent.exceptionRequested, .captureStarted] {
            #expect(throws: SessionRefusal.self) { try driver.send(event) }
        }
        #expect(driver.session.step == .consent)
    }

    @Test func aStaffedDuplicateDecisionWaitsForASupervisor() throws {
        var driver = SessionDriver(policy: Self.policy)
        try driver.toDuplicateCheck()
        try driver.send(.duplicateResult([DuplicateCandidate(recordID: "r", score: 50)]))
        #expect(driver.session.step == .duplicateDecision && driver.session.awaitingSupervisor)
        #expect(try driver.send(.tick, after: .seconds(599)) == [])
        #expect(try driver.send(.tick, after: .seconds(1)) == [.wipe])
        #expect(driver.session.step == .aborted(.timedOut))
    }

    @Test func staffCanAskForMoreTime() throws {
        var driver = SessionDriver(policy: Self.policy)
        try driver.send(.consent(version: "1", accepted: true))
        #expect(try driver.send(.moreTime, after: .seconds(110)) == [])
        #expect(driver.session.step == .subject && driver.session.deadline == driver.now + .seconds(120))
        try driver.send(.subject(["reference": "R"]), after: .seconds(110))
        #expect(driver.session.step == .finger(.rightIndex))
    }

    @Test func moreTimeKeepsTheSupervisorsWait() throws {
        var driver = SessionDriver(policy: Self.policy)
        try driver.toDuplicateCheck()
        try driver.send(.duplicateResult([DuplicateCandidate(recordID: "r", score: 50)]))
        try driver.send(.moreTime, after: .seconds(500))
        #expect(driver.session.awaitingSupervisor && driver.session.deadline == driver.now + .seconds(600))
    }

    @Test func noMoreTimeWhileTheRecordIsWritten() throws {
        var driver = SessionDriver(policy: Self.policy)
        try driver.toReview()
        try driver.send(.confirm)
        #expect(throws: SessionRefusal.self) { try driver.send(.moreTime) }
        #expect(driver.session.step == .committing)
    }

    @Test func moreTimeCannotReviveATimedOutStep() throws {
        var driver = SessionDriver(policy: Self.policy)
        #expect(try driver.send(.moreTime, after: .seconds(120)) == [.wipe])
        #expect(driver.session.step == .aborted(.timedOut))
    }
}
