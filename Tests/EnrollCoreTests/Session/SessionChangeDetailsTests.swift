import EnrollCore
import Testing

/// "Change details" on the review: back to the details step with every capture kept, and
/// back to the review once the details are sent again.
@Suite struct SessionChangeDetailsTests {
    static let modes: [SessionMode] = [.staffed(operatorID: "op-7"), .unattended(stationID: "st")]

    @Test(arguments: modes)
    func changingDetailsKeepsTheCapturesAndReturnsToTheReview(mode: SessionMode) throws {
        var driver = SessionDriver(mode: mode)
        try driver.toReview()
        let before = driver.session.summary
        #expect(try driver.send(.changeSubject) == [])
        #expect(driver.session.step == .subject)
        // Nothing is asked of the devices: no capture starts again.
        #expect(try driver.send(.subject(["reference": "CASE-0043"])) == [])
        #expect(driver.session.step == .review)
        let after = driver.session.summary
        #expect(after.subject == ["reference": "CASE-0043"])
        #expect(after.fingers == before.fingers && after.face == before.face)
        #expect(after.duplicateDecision == before.duplicateDecision && after.duplicateCandidates == before.duplicateCandidates)
        #expect(try driver.send(.confirm) == [.commit(after)])
    }

    @Test func aSupervisorsDuplicateDecisionStays() throws {
        var driver = SessionDriver()
        try driver.toDuplicateCheck()
        try driver.send(.duplicateResult([DuplicateCandidate(recordID: "r-1", score: 0.9)]))
        try driver.send(.duplicateDecision(.notDuplicate, supervisorID: "sup"))
        try driver.send(.changeSubject)
        try driver.send(.subject(["reference": "CASE-0099"]))
        #expect(driver.session.step == .review)
        #expect(driver.session.summary.duplicateDecision == .notDuplicate)
        #expect(driver.session.summary.duplicateCandidates == [DuplicateCandidate(recordID: "r-1", score: 0.9)])
    }

    @Test func invalidDetailsKeepTheDetailsStepAndTheOldValues() throws {
        var driver = SessionDriver()
        try driver.toReview()
        try driver.send(.changeSubject)
        #expect(throws: SessionRefusal.self) { try driver.send(.subject(["reference": ""])) }
        #expect(throws: SessionRefusal.self) { try driver.send(.subject(["reference": "x", "name": "not asked for"])) }
        #expect(driver.session.step == .subject)
        #expect(driver.session.summary.subject == ["reference": "CASE-0042"])
        try driver.send(.subject(["reference": "CASE-0044"]))
        #expect(driver.session.step == .review)
    }

    @Test func theDetailsStepHasAFreshDeadline() throws {
        var driver = SessionDriver()
        try driver.toReview()
        try driver.send(.changeSubject, after: .seconds(100))
        #expect(driver.session.deadline == driver.now + .seconds(120))
        // The step's own time-out still ends an abandoned session, with everything wiped.
        #expect(try driver.send(.tick, after: .seconds(121)) == [.wipe])
        #expect(driver.session.step == .aborted(.timedOut))
        #expect(driver.session.summary.fingers.isEmpty && driver.session.summary.subject.isEmpty)
    }

    @Test func aCommitFailureIsClearedWhenTheDetailsChange() throws {
        var driver = SessionDriver()
        try driver.toReview()
        try driver.send(.confirm)
        try driver.send(.commitFailed(reason: "disk full"))
        #expect(driver.session.lastError == "disk full")
        try driver.send(.changeSubject)
        #expect(driver.session.lastError == nil)
    }

    @Test func onlyTheReviewCanBeSentBack() throws {
        var driver = SessionDriver()
        #expect(throws: SessionRefusal.self) { try driver.send(.changeSubject) }
        try driver.toFirstFinger()
        let refusal = #expect(throws: SessionRefusal.self) { try driver.send(.changeSubject) }
        #expect(refusal?.code == .wrongStep)
        #expect(driver.session.step == .finger(.rightIndex))
    }

    @Test func notWhileTheRecordIsWritten() throws {
        var driver = SessionDriver()
        try driver.toReview()
        try driver.send(.confirm)
        #expect(throws: SessionRefusal.self) { try driver.send(.changeSubject) }
        #expect(driver.session.step == .committing)
        try driver.send(.commitSucceeded(recordID: "r"))
        let refusal = #expect(throws: SessionRefusal.self) { try driver.send(.changeSubject) }
        #expect(refusal?.code == .finished)
    }

    @Test func theFirstDetailsStillLeadToTheCaptures() throws {
        var driver = SessionDriver()
        try driver.send(.consent(version: "1", accepted: true))
        #expect(try driver.send(.subject(["reference": "CASE-1"])) == [.captureFinger(.rightIndex)])
    }

    @Test func aPolicyWithoutCapturesGoesBackToTheReviewToo() throws {
        var policy = SessionPolicy.standard
        policy.fingers = []
        policy.face = false
        var driver = SessionDriver(policy: policy)
        try driver.toFirstFinger()
        #expect(driver.session.step == .review)
        try driver.send(.changeSubject)
        try driver.send(.subject(["reference": "CASE-2"]))
        #expect(driver.session.step == .review && driver.session.summary.subject == ["reference": "CASE-2"])
    }
}
