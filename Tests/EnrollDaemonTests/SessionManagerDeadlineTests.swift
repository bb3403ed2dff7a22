import Access
import ControlAPI
import EnrollCore
@testable import EnrollDaemon
import Testing

/// The session manager's deadlines on a clock the test moves: a capture attempt and an
/// exception asked for restart the step's wait, staff may ask for more time.
extension SessionManagerTests {
    /// At the first finger, `seconds` into the step.
    func atFinger(_ sessions: SessionManager, clock: FakeClock, as who: Principal, after seconds: Int64) async throws -> String {
        let id = try await sessions.create(by: who).id
        _ = try await sessions.consent(id, version: "1", accepted: true, by: who)
        _ = try await sessions.subject(id, fields: ["reference": "R-1"], by: who)
        clock.advance(.seconds(seconds))
        return id
    }

    @Test func anExceptionRefusedForWantOfASupervisorWaitsForOne() async throws {
        let clock = FakeClock()
        let records = FakeSessionRecords()
        let sessions = manager(records: records, clock: clock)
        let id = try await atFinger(sessions, clock: clock, as: operatorA, after: 110)
        let refused = await #expect(throws: APIProblem.self) {
            try await sessions.fingerException(id, finger: .rightIndex, CaptureException(reason: .missing), by: operatorA)
        }
        #expect(refused?.code == "approval_required")
        let waiting = try await sessions.session(id, for: operatorA)
        #expect(waiting.step == "finger" && waiting.awaitingSupervisor == true && waiting.deadlineSeconds == 600)
        // Well past the step time, inside the supervisor's wait: the session is still there.
        clock.advance(.seconds(590))
        await sessions.tick()
        let approved = try await sessions.fingerException(id, finger: .rightIndex, CaptureException(reason: .missing, approvedBy: "sup1"), by: operatorA)
        #expect(approved.step == "review" && approved.awaitingSupervisor == false)
    }

    /// Each attempt waits 100 s for the finger and the reader asks again: three of them
    /// outlast one 120 s window, yet the step is still there.
    @Test func everyCaptureAttemptRestartsTheStepTime() async throws {
        let clock = FakeClock()
        let sessions = manager(clock: clock, fingers: FakeSlowRetryCapture(clock: clock, wait: .seconds(100)))
        let id = try await atFinger(sessions, clock: clock, as: operatorA, after: 15)
        for _ in 0..<3 {
            let result = try await sessions.captureFinger(id, finger: .rightIndex, by: operatorA)
            #expect(result.outcome == "retry" && result.session.step == "finger")
            #expect(result.session.deadlineSeconds == 20)
            await sessions.tick()
        }
        #expect(try await sessions.session(id, for: operatorA).step == "finger")
    }

    @Test func staffMayAskForMoreTimeAndTheAuditLogSaysSo() async throws {
        let clock = FakeClock()
        let records = FakeSessionRecords()
        let sessions = manager(records: records, clock: clock)
        let id = try await sessions.create(by: operatorA).id
        clock.advance(.seconds(110))
        let events = try await sessions.events(id, for: operatorA)
        let extended = try await sessions.moreTime(id, by: operatorA)
        #expect(extended.step == "consent" && extended.deadlineSeconds == 120)
        clock.advance(.seconds(110))
        await sessions.tick()
        #expect(try await sessions.session(id, for: operatorA).step == "consent")
        #expect(records.audit.contains("op1 session.more_time"))
        // The page hears of the new deadline (a `step` message after the first).
        _ = try await sessions.cancel(id, by: operatorA)
        var messages: [String] = []
        for await message in events { messages.append(message) }
        #expect(messages.filter { $0.hasPrefix("event: step") }.count >= 2, "\(messages)")
    }

    /// "I am still here" at a station: twice per step (SessionPolicy.stationMoreTime),
    /// each audited like staff's "More time", then refused, and the step still times out.
    @Test func aStationGetsMoreTimeTwicePerStepThenTimesOut() async throws {
        let clock = FakeClock()
        let records = FakeSessionRecords()
        let sessions = manager(records: records, clock: clock)
        let id = try await sessions.create(by: station).id
        #expect(try await sessions.session(id, for: station).moreTimeLeft == 2)
        for left in [1, 0] {
            clock.advance(.seconds(110))
            let extended = try await sessions.moreTime(id, by: station)
            #expect(extended.deadlineSeconds == 120 && extended.moreTimeLeft == left)
        }
        #expect(records.audit.filter { $0.hasSuffix(" session.more_time") }.count == 2, "\(records.audit)")
        clock.advance(.seconds(110))
        let refused = await #expect(throws: APIProblem.self) { try await sessions.moreTime(id, by: station) }
        #expect(refused?.code == "not_allowed_unattended" && refused?.description.hasPrefix("422 ") == true)
        clock.advance(.seconds(10))
        await sessions.tick()
        #expect(try await sessions.session(id, for: station).abortReason == "timed_out")
    }

    @Test func staffSessionsSayNothingOfALimit() async throws {
        let sessions = manager(clock: FakeClock())
        let id = try await sessions.create(by: operatorA).id
        #expect(try await sessions.session(id, for: operatorA).moreTimeLeft == nil)
    }
}

/// A reader the person takes `wait` to reach, which then asks for the finger again.
struct FakeSlowRetryCapture: FingerCapturing {
    let clock: FakeClock
    let wait: Duration
    func capture(fingerPresent: @escaping @Sendable () -> Void) async throws(ReaderError) -> CaptureOutcome {
        clock.advance(wait)
        return .retry(.tooShort)
    }
    func minutiae(of image: FingerprintImage) async -> [Minutia]? { nil }
    func cancel() async {}
}
