import EnrollCore
import Testing

/// `SessionPolicy.stationMoreTime` as a deployment sets it (`session.station_more_time`):
/// a station gets exactly that many extensions per step, and a step it keeps busy lasts at
/// most (1 + that) × the step time.
@Suite struct SessionStationMoreTimeCountTests {
    static func policy(_ count: Int) -> SessionPolicy {
        var policy = SessionPolicy.standard
        policy.stepTimeout = .seconds(60)
        policy.stationMoreTime = count
        return policy
    }

    @Test(arguments: [0, 1, 2])
    func aStationGetsExactlyTheConfiguredExtensions(_ count: Int) throws {
        var driver = SessionDriver(mode: .unattended(stationID: "st"), policy: Self.policy(count))
        let start = driver.now
        #expect(driver.session.moreTimeLeft == count)
        for used in stride(from: 1, through: count, by: 1) {
            // At the last moment, each time.
            #expect(try driver.send(.moreTime, after: .seconds(59)) == [])
            #expect(driver.session.moreTimeLeft == count - used)
        }
        let refusal = #expect(throws: SessionRefusal.self) { try driver.send(.moreTime, after: .seconds(59)) }
        #expect(refusal?.code == .notAllowedUnattended)
        #expect(driver.session.moreTimeLeft == 0)
        #expect(try driver.send(.tick, after: .seconds(1)) == [.wipe])
        #expect(driver.session.step == .aborted(.timedOut))
        // (1 + count) step times, less the second each refusal and tick left over.
        #expect(driver.now - start == .seconds(60 * (1 + count) - count))
    }

    @Test(arguments: [0, 1, 2])
    func staffAreNotBoundByTheStationsCount(_ count: Int) throws {
        var driver = SessionDriver(policy: Self.policy(count))
        #expect(driver.session.moreTimeLeft == nil)
        for _ in 0..<(count + 3) { try driver.send(.moreTime, after: .seconds(50)) }
        #expect(driver.session.step == .consent)
    }
}
