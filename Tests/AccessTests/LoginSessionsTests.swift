import Testing
@testable import Access

@Suite struct LoginSessionsTests {
    let start = ContinuousClock.now
    let operatorA = Principal(id: "a", role: .operator, via: .pin)
    let station = Principal(id: "station", role: .station, via: .station)

    @Test func aLoginIsFoundByItsTokenUntilItIdlesOut() {
        var sessions = LoginSessions(idle: .seconds(900))
        let (token, csrf) = sessions.open(operatorA, now: start)
        #expect(token != csrf && token.count >= 40)
        #expect(sessions.touch(token, now: start + .seconds(899))?.principal == operatorA)
        // Touching refreshed it: 899 s later it is still there.
        #expect(sessions.touch(token, now: start + .seconds(1798)) != nil)
        #expect(sessions.touch(token, now: start + .seconds(2699)) == nil)
        #expect(sessions.touch(token, now: start + .seconds(2700)) == nil, "an expired login came back")
    }

    @Test func stationLoginsDoNotIdleOut() {
        var sessions = LoginSessions(idle: .seconds(60))
        let (token, _) = sessions.open(station, now: start)
        #expect(sessions.touch(token, now: start + .seconds(86_400))?.principal == station)
    }

    @Test func unknownAndClosedTokensFindNothing() {
        var sessions = LoginSessions(idle: .seconds(60))
        let (token, _) = sessions.open(operatorA, now: start)
        #expect(sessions.touch("", now: start) == nil)
        #expect(sessions.touch(token + "x", now: start) == nil)
        sessions.close(token)
        #expect(sessions.touch(token, now: start) == nil)
    }

    @Test func revokingAnOperatorEndsAllTheirLogins() {
        var sessions = LoginSessions(idle: .seconds(60))
        let first = sessions.open(operatorA, now: start).token
        let second = sessions.open(operatorA, now: start).token
        let other = sessions.open(Principal(id: "b", role: .supervisor, via: .pin), now: start).token
        sessions.close(operatorID: "a")
        #expect(sessions.touch(first, now: start) == nil && sessions.touch(second, now: start) == nil)
        #expect(sessions.touch(other, now: start) != nil)
    }
}
