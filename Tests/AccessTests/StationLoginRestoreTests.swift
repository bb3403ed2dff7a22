import Testing
@testable import Access

/// Station logins brought back by the hash of their token: the same token opens them, with
/// the same CSRF token as before; nothing else does; staff cannot be restored.
@Suite struct StationLoginRestoreTests {
    let start = ContinuousClock.now
    let station = Principal(id: "station", role: .station, via: .station)

    @Test func aRestoredLoginOpensWithItsTokenAndKeepsItsCSRFToken() {
        var before = LoginSessions(idle: .seconds(60))
        let (token, csrf) = before.open(station, now: start)
        var after = LoginSessions(idle: .seconds(60))
        after.restore(station, tokenHash: LoginSessions.digest(token), now: start)
        let login = after.touch(token, now: start + .seconds(86_400))
        #expect(login?.principal == station)
        #expect(login?.csrfToken == csrf, "the page keeps its CSRF token across the restart")
        #expect(after.touch(csrf, now: start) == nil)
        #expect(after.touch(String(token.dropLast()), now: start) == nil)
    }

    @Test func staffAndMalformedHashesAreNotRestored() {
        var sessions = LoginSessions(idle: .seconds(60))
        let token = "a-token-that-is-long-enough-0123456789"
        sessions.restore(Principal(id: "sup1", role: .supervisor, via: .pin), tokenHash: LoginSessions.digest(token), now: start)
        #expect(sessions.touch(token, now: start) == nil)
        for bad in [[], [UInt8](repeating: 0, count: 31), [UInt8](repeating: 0, count: 33), Array(token.utf8)] {
            sessions.restore(station, tokenHash: bad, now: start)
        }
        #expect(sessions.closeStations() == 0, "nothing was restored from a malformed hash")
    }

    @Test func closingStationsLeavesStaffSignedIn() {
        var sessions = LoginSessions(idle: .seconds(60))
        let staff = sessions.open(Principal(id: "op1", role: .operator, via: .pin), now: start).token
        let first = sessions.open(station, now: start).token
        sessions.restore(station, tokenHash: LoginSessions.digest("kept-from-last-run-0123456789"), now: start)
        #expect(sessions.closeStations() == 2)
        #expect(sessions.touch(first, now: start) == nil)
        #expect(sessions.touch("kept-from-last-run-0123456789", now: start) == nil)
        #expect(sessions.touch(staff, now: start) != nil)
    }

    @Test func theStationKeyFingerprintDependsOnTheKeyAndIsNotIt() {
        let a = StationKeyFingerprint.of("station-secret-0123456789")
        #expect(a == StationKeyFingerprint.of("station-secret-0123456789"))
        #expect(a != StationKeyFingerprint.of("station-secret-0123456780"))
        #expect(a.count == 32 && a != Array("station-secret-0123456789".utf8))
    }
}
