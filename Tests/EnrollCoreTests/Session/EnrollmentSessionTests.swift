import EnrollCore
import Testing

@Suite struct EnrollmentSessionTests {
    @Test func staffedEnrollmentFromConsentToCommit() throws {
        var driver = SessionDriver()
        #expect(driver.session.step == .consent)
        try driver.send(.consent(version: "1", accepted: true))
        #expect(driver.session.step == .subject)
        #expect(try driver.send(.subject(["reference": "  CASE-0042 "])) == [.captureFinger(.rightIndex)])
        #expect(try driver.send(.fingerCaptured(.rightIndex, quality: .scored(30), captureID: "a")) == [.captureFinger(.rightIndex)])
        #expect(try driver.send(.fingerCaptured(.rightIndex, quality: .scored(75), captureID: "b")) == [.captureFinger(.leftIndex)])
        try driver.send(.fingerCaptured(.leftIndex, quality: .scored(60), captureID: "c"))
        try driver.send(.fingerException(.rightThumb, CaptureException(reason: .bandaged, approvedBy: "sup-1")))
        #expect(try driver.send(.fingerCaptured(.leftThumb, quality: .scored(41), captureID: "d")) == [.captureFace])
        #expect(try driver.send(.faceCaptured(quality: .scored(88), captureID: "e")) == [.searchDuplicates(captureIDs: ["b", "c", "d", "e"])])
        try driver.send(.duplicateResult([]))
        #expect(driver.session.step == .review)
        guard case .commit(let summary) = try driver.send(.confirm).first else {
            Issue.record("confirm did not ask for a commit")
            return
        }
        #expect(summary.subject == ["reference": "CASE-0042"])
        #expect(summary.fingers[.rightIndex] == .captured(captureID: "b", quality: 75, attempts: 2))
        #expect(summary.fingers[.rightThumb] == .exception(CaptureException(reason: .bandaged, approvedBy: "sup-1"), attempts: 0))
        #expect(summary.face == .captured(captureID: "e", quality: 88, attempts: 1))
        #expect(summary.consentVersion == "1")
        #expect(try driver.send(.commitSucceeded(recordID: "r-9")) == [.wipe])
        #expect(driver.session.step == .committed(recordID: "r-9"))
    }

    @Test func refusedConsentKeepsNothing() throws {
        var driver = SessionDriver()
        #expect(try driver.send(.consent(version: "1", accepted: false)) == [.wipe])
        #expect(driver.session.step == .aborted(.consentRefused))
        #expect(driver.session.summary.subject.isEmpty)
    }

    @Test func consentToAnotherTextVersionIsRefused() {
        var driver = SessionDriver()
        #expect(throws: SessionRefusal.self) { try driver.send(.consent(version: "0", accepted: true)) }
        #expect(driver.session.step == .consent)
    }

    @Test(arguments: [
        (["reference": ""], "The field reference is required."),
        ([:], "The field reference is required."),
        (["reference": "X", "name": "Somebody"], "The field name is not collected by this policy."),
        (["reference": String(repeating: "9", count: 41)], "The field reference is longer than 40 characters."),
    ])
    func subjectDetailsFollowThePolicy(_ fields: [String: String], _ message: String) throws {
        var driver = SessionDriver()
        try driver.send(.consent(version: "1", accepted: true))
        #expect(throws: SessionRefusal.self) { try driver.send(.subject(fields)) }
        do { try driver.send(.subject(fields)) } catch { #expect(error.description == message) }
        #expect(driver.session.step == .subject)
    }

    @Test func choicesAreEnforced() throws {
        var policy = SessionPolicy.standard
        policy.subjectFields = [SubjectField(key: "agency", required: false, choices: ["social", "court"])]
        var driver = SessionDriver(policy: policy)
        try driver.send(.consent(version: "1", accepted: true))
        #expect(throws: SessionRefusal.self) { try driver.send(.subject(["agency": "police"])) }
        try driver.send(.subject(["agency": "court"]))
        #expect(driver.session.summary.subject == ["agency": "court"])
    }

    @Test func staffedFingerOutOfAttemptsWaitsForAnApprovedException() throws {
        var driver = SessionDriver()
        try driver.toFirstFinger()
        for attempt in 1...3 { try driver.send(.fingerCaptured(.rightIndex, quality: .scored(10), captureID: "x\(attempt)")) }
        #expect(driver.session.step == .finger(.rightIndex))
        #expect(throws: SessionRefusal.self) { try driver.send(.fingerCaptured(.rightIndex, quality: .scored(99), captureID: "late")) }
        #expect(throws: SessionRefusal.self) { try driver.send(.fingerException(.rightIndex, CaptureException(reason: .unreadable))) }
        try driver.send(.fingerException(.rightIndex, CaptureException(reason: .unreadable, approvedBy: "sup-1")))
        #expect(driver.session.step == .finger(.leftIndex))
        #expect(driver.session.summary.fingers[.rightIndex] == .exception(CaptureException(reason: .unreadable, approvedBy: "sup-1"), attempts: 3))
    }

    @Test func unattendedFingerOutOfAttemptsIsRecordedUnreadable() throws {
        var driver = SessionDriver(mode: .unattended(stationID: "st-2"))
        try driver.toFirstFinger()
        for attempt in 1...3 { try driver.send(.fingerCaptured(.rightIndex, quality: .scored(5), captureID: "x\(attempt)")) }
        #expect(driver.session.step == .finger(.leftIndex))
        #expect(driver.session.summary.fingers[.rightIndex] == .exception(CaptureException(reason: .unreadable), attempts: 3))
    }

    @Test(arguments: [
        (CaptureException.Reason.declined, false, true), (.unreadable, false, false), (.missing, false, false),
        (.bandaged, false, false), (.injured, false, false), (.other, false, false),
    ])
    func unattendedStationsAllowOnlyExceptionsWithoutJudgement(_ reason: CaptureException.Reason, _ approved: Bool, _ allowed: Bool) throws {
        var driver = SessionDriver(mode: .unattended(stationID: "st-2"))
        try driver.toFirstFinger()
        let exception = CaptureException(reason: reason, approvedBy: approved ? "sup" : nil)
        if allowed {
            try driver.send(.fingerException(.rightIndex, exception))
            #expect(driver.session.step == .finger(.leftIndex))
        } else {
            #expect(throws: SessionRefusal.self) { try driver.send(.fingerException(.rightIndex, exception)) }
            #expect(driver.session.step == .finger(.rightIndex))
        }
    }

    @Test func faceOutOfAttempts() throws {
        var staffed = SessionDriver()
        try staffed.toFirstFinger()
        try staffed.captureAllFingers()
        for attempt in 1...3 { try staffed.send(.faceCaptured(quality: .scored(10), captureID: "x\(attempt)")) }
        #expect(staffed.session.step == .face)
        try staffed.send(.faceException(CaptureException(reason: .injured, approvedBy: "sup-1")))
        #expect(staffed.session.step == .duplicateCheck)

        var unattended = SessionDriver(mode: .unattended(stationID: "st-2"))
        try unattended.toFirstFinger()
        try unattended.captureAllFingers()
        for attempt in 1...3 { try unattended.send(.faceCaptured(quality: .scored(10), captureID: "x\(attempt)")) }
        #expect(unattended.session.step == .duplicateCheck)
        #expect(unattended.session.summary.face == .exception(CaptureException(reason: .unreadable), attempts: 3))
    }

    @Test(arguments: [-1, 101, Int.max, Int.min])
    func qualityOutsideTheScaleIsRefused(_ quality: Int) throws {
        var driver = SessionDriver()
        try driver.toFirstFinger()
        #expect(throws: SessionRefusal.self) { try driver.send(.fingerCaptured(.rightIndex, quality: .scored(quality), captureID: "q")) }
    }

    @Test func anotherFingerThanTheOneAskedForIsRefused() throws {
        var driver = SessionDriver()
        try driver.toFirstFinger()
        #expect(throws: SessionRefusal.self) { try driver.send(.fingerCaptured(.leftLittle, quality: .scored(90), captureID: "q")) }
        #expect(throws: SessionRefusal.self) {
            try driver.send(.fingerException(.leftLittle, CaptureException(reason: .missing, approvedBy: "sup")))
        }
    }

    @Test func duplicatesNeedASupervisorsDecision() throws {
        var driver = SessionDriver()
        try driver.toDuplicateCheck()
        let found = [DuplicateCandidate(recordID: "r-1", score: 40), DuplicateCandidate(recordID: "r-2", score: 95)]
        try driver.send(.duplicateResult(found))
        #expect(driver.session.step == .duplicateDecision)
        #expect(throws: SessionRefusal.self) { try driver.send(.duplicateDecision(.notDuplicate, supervisorID: "")) }
        #expect(throws: SessionRefusal.self) { try driver.send(.duplicateDecision(.unresolved, supervisorID: "sup")) }
        try driver.send(.duplicateDecision(.notDuplicate, supervisorID: "sup-1"))
        #expect(driver.session.step == .review)
        #expect(driver.session.summary.duplicateCandidates.map(\.recordID) == ["r-2", "r-1"])
        #expect(driver.session.summary.duplicateDecision == .notDuplicate)
    }

    @Test func aConfirmedDuplicateKeepsNothing() throws {
        var driver = SessionDriver()
        try driver.toDuplicateCheck()
        try driver.send(.duplicateResult([DuplicateCandidate(recordID: "r-1", score: 99)]))
        #expect(try driver.send(.duplicateDecision(.samePerson, supervisorID: "sup-1")) == [.wipe])
        #expect(driver.session.step == .aborted(.duplicateConfirmed))
        #expect(driver.session.summary.fingers.isEmpty && driver.session.summary.face == nil)
    }

    @Test func unattendedDuplicatesAreLeftForCentralReview() throws {
        var driver = SessionDriver(mode: .unattended(stationID: "st-2"))
        try driver.toDuplicateCheck()
        try driver.send(.duplicateResult([DuplicateCandidate(recordID: "r-1", score: 99)]))
        #expect(driver.session.step == .review)
        #expect(driver.session.summary.duplicateDecision == .unresolved)
    }

    @Test func aFailedCommitReturnsToReviewAndCanBeRetried() throws {
        var driver = SessionDriver()
        try driver.toReview()
        try driver.send(.confirm)
        try driver.send(.commitFailed(reason: "storage quota reached"))
        #expect(driver.session.step == .review)
        #expect(driver.session.lastError == "storage quota reached")
        try driver.send(.confirm)
        #expect(driver.session.lastError == nil)
        try driver.send(.commitSucceeded(recordID: "r-2"))
        #expect(driver.session.step == .committed(recordID: "r-2"))
    }

    @Test func noCapturesMeansNoDuplicateCheck() throws {
        var policy = SessionPolicy.standard
        policy.fingers = []
        policy.face = false
        var driver = SessionDriver(policy: policy)
        try driver.toFirstFinger()
        #expect(driver.session.step == .review)
    }

    @Test func aFinishedSessionTakesNoEvents() throws {
        var driver = SessionDriver()
        try driver.send(.cancel)
        #expect(throws: SessionRefusal.self) { try driver.send(.tick) }
        #expect(throws: SessionRefusal.self) { try driver.send(.consent(version: "1", accepted: true)) }
    }
}
