import EnrollCore
import Testing

/// Every step has a deadline and can be cancelled; both keep nothing.
@Suite struct SessionTimeoutTests {
    /// Ways to reach each step that waits for someone.
    enum Reach: String, CaseIterable, CustomTestStringConvertible {
        case consent, subject, finger, face, duplicateCheck, duplicateDecision, review
        var testDescription: String { rawValue }

        /// How long the step waits: a staffed duplicate decision waits for a supervisor.
        var wait: Duration { self == .duplicateDecision ? SessionPolicy.standard.supervisorWait : SessionPolicy.standard.stepTimeout }

        func drive() throws -> SessionDriver {
            var driver = SessionDriver()
            switch self {
            case .consent: break
            case .subject: try driver.send(.consent(version: "1", accepted: true))
            case .finger: try driver.toFirstFinger()
            case .face:
                try driver.toFirstFinger()
                try driver.captureAllFingers()
            case .duplicateCheck: try driver.toDuplicateCheck()
            case .duplicateDecision:
                try driver.toDuplicateCheck()
                try driver.send(.duplicateResult([DuplicateCandidate(recordID: "r", score: 50)]))
            case .review: try driver.toReview()
            }
            return driver
        }
    }

    @Test(arguments: Reach.allCases)
    func aStepPastItsDeadlineEndsTheSession(_ reach: Reach) throws {
        var driver = try reach.drive()
        #expect(try driver.send(.tick, after: reach.wait - .seconds(1)) == [])
        #expect(!driver.session.step.isFinal)
        #expect(try driver.send(.tick, after: .seconds(1)) == [.wipe])
        #expect(driver.session.step == .aborted(.timedOut))
    }

    @Test(arguments: Reach.allCases)
    func anyEventPastTheDeadlineEndsTheSessionInstead(_ reach: Reach) throws {
        var driver = try reach.drive()
        #expect(try driver.send(.confirm, after: reach.wait + .seconds(1)) == [.wipe])
        #expect(driver.session.step == .aborted(.timedOut))
    }

    @Test(arguments: Reach.allCases)
    func everyWaitingStepCanBeCancelled(_ reach: Reach) throws {
        var driver = try reach.drive()
        #expect(try driver.send(.cancel) == [.wipe])
        #expect(driver.session.step == .aborted(.cancelled))
        #expect(driver.session.summary.fingers.isEmpty && driver.session.summary.subject.isEmpty)
    }

    @Test func eachStepRestartsTheDeadline() throws {
        var driver = SessionDriver()
        try driver.send(.consent(version: "1", accepted: true), after: .seconds(100))
        try driver.send(.subject(["reference": "R"]), after: .seconds(100))
        #expect(driver.session.step == .finger(.rightIndex))
    }

    @Test func committingIsNeitherTimedOutNorCancelled() throws {
        var driver = SessionDriver()
        try driver.toReview()
        try driver.send(.confirm)
        #expect(try driver.send(.tick, after: .seconds(600)) == [])
        #expect(throws: SessionRefusal.self) { try driver.send(.cancel) }
        #expect(driver.session.step == .committing)
    }

    @Test(arguments: Reach.allCases)
    func eventsOfOtherStepsAreRefusedWithoutChange(_ reach: Reach) throws {
        var driver = try reach.drive()
        let before = driver.session.step
        for event in [SessionEvent.commitSucceeded(recordID: "x"), .commitFailed(reason: "x"), .duplicateDecision(.notDuplicate, supervisorID: "s")]
        where !(before == .duplicateDecision && event == .duplicateDecision(.notDuplicate, supervisorID: "s")) {
            #expect(throws: SessionRefusal.self) { try driver.send(event, after: .zero) }
            #expect(driver.session.step == before)
        }
    }
}
