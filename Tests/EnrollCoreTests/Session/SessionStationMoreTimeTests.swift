import EnrollCore
import Testing

/// "I am still here": the person at a self-service station may start a step's wait again
/// `SessionPolicy.stationMoreTime` times per step, no more, so a station left alone still
/// resets; staff have no such limit.
@Suite struct SessionStationMoreTimeTests {
    static let policy: SessionPolicy = {
        var policy = SessionPolicy.standard
        policy.stepTimeout = .seconds(120)
        policy.supervisorWait = .seconds(600)
        policy.stationMoreTime = 2
        return policy
    }()

    static let station = SessionMode.unattended(stationID: "st")

    @Test func aStationMayAskTwicePerStepThenNoMore() throws {
        var driver = SessionDriver(mode: Self.station, policy: Self.policy)
        #expect(driver.session.moreTimeLeft == 2)
        #expect(try driver.send(.moreTime, after: .seconds(110)) == [])
        #expect(driver.session.deadline == driver.now + .seconds(120) && driver.session.moreTimeLeft == 1)
        #expect(try driver.send(.moreTime, after: .seconds(110)) == [])
        #expect(driver.session.moreTimeLeft == 0)
        let deadline = driver.session.deadline
        let refusal = #expect(throws: SessionRefusal.self) { try driver.send(.moreTime, after: .seconds(110)) }
        #expect(refusal?.code == .notAllowedUnattended)
        // Refused: the deadline stands and the step ends on time.
        #expect(driver.session.deadline == deadline && driver.session.moreTimeLeft == 0)
        #expect(try driver.send(.tick, after: .seconds(9)) == [])
        #expect(try driver.send(.tick, after: .seconds(1)) == [.wipe])
        #expect(driver.session.step == .aborted(.timedOut))
    }

    @Test func aStationLeftAloneResetsAfterOneStepTime() throws {
        var driver = SessionDriver(mode: Self.station, policy: Self.policy)
        #expect(try driver.send(.tick, after: .seconds(119)) == [])
        #expect(try driver.send(.tick, after: .seconds(1)) == [.wipe])
        #expect(driver.session.step == .aborted(.timedOut))
    }

    @Test func theLongestAStepCanLastAtAStationIsBounded() throws {
        var driver = SessionDriver(mode: Self.station, policy: Self.policy)
        let start = driver.now
        // Every extension at the last moment: (1 + 2) × 120 s, not one second more.
        try driver.send(.moreTime, after: .seconds(119))
        try driver.send(.moreTime, after: .seconds(119))
        #expect(throws: SessionRefusal.self) { try driver.send(.moreTime, after: .seconds(119)) }
        #expect(try driver.send(.tick, after: .seconds(1)) == [.wipe])
        #expect(driver.now - start == .seconds(358))
        #expect(driver.session.step == .aborted(.timedOut))
    }

    @Test func eachNewStepHasItsOwnExtensions() throws {
        var driver = SessionDriver(mode: Self.station, policy: Self.policy)
        try driver.send(.moreTime)
        try driver.send(.moreTime)
        #expect(driver.session.moreTimeLeft == 0)
        try driver.send(.consent(version: "1", accepted: true))
        #expect(driver.session.step == .subject && driver.session.moreTimeLeft == 2)
        try driver.send(.moreTime)
        #expect(driver.session.moreTimeLeft == 1)
    }

    @Test func aCaptureAttemptDoesNotGiveExtensionsBack() throws {
        var driver = SessionDriver(mode: Self.station, policy: Self.policy)
        try driver.toFirstFinger()
        try driver.send(.moreTime)
        try driver.send(.moreTime)
        try driver.send(.captureStarted)
        try driver.send(.fingerCaptured(.rightIndex, quality: .scored(10), captureID: "a"))
        #expect(driver.session.step == .finger(.rightIndex) && driver.session.moreTimeLeft == 0)
        #expect(throws: SessionRefusal.self) { try driver.send(.moreTime) }
    }

    @Test func noLimitWhenStaffed() throws {
        var driver = SessionDriver(policy: Self.policy)
        #expect(driver.session.moreTimeLeft == nil)
        for _ in 0..<10 { try driver.send(.moreTime, after: .seconds(110)) }
        #expect(driver.session.step == .consent && driver.session.deadline == driver.now + .seconds(120))
    }

    @Test func aStationWithNoExtensionsConfiguredGetsNone() throws {
        var policy = Self.policy
        policy.stationMoreTime = 0
        var driver = SessionDriver(mode: Self.station, policy: policy)
        #expect(driver.session.moreTimeLeft == 0)
        let refusal = #expect(throws: SessionRefusal.self) { try driver.send(.moreTime) }
        #expect(refusal?.code == .notAllowedUnattended)
    }

    @Test func aStationCannotReviveATimedOutStep() throws {
        var driver = SessionDriver(mode: Self.station, policy: Self.policy)
        #expect(try driver.send(.moreTime, after: .seconds(120)) == [.wipe])
        #expect(driver.session.step == .aborted(.timedOut))
    }

    @Test func notWhileTheRecordIsWritten() throws {
        var driver = SessionDriver(mode: Self.station, policy: Self.policy)
        try driver.toReview()
        try driver.send(.confirm)
        #expect(throws: SessionRefusal.self) { try driver.send(.moreTime) }
        #expect(driver.session.step == .committing)
    }
}
