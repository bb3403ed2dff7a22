import Crypto
import EnrollCore
import Foundation
import Store
import Testing

/// Station logins in a real SQLite file: kept across a reopen, dropped when the station
/// key or id changed, revoked with an audit entry, bounded, and refused when malformed.
@Suite("Station logins on a real SQLite file")
struct StationLoginStoreTests {
    let keyA = Array(SHA256.hash(data: Array("key A".utf8)))
    let keyB = Array(SHA256.hash(data: Array("key B".utf8)))

    func hash(_ n: Int) -> [UInt8] { Array(SHA256.hash(data: Array("token \(n)".utf8))) }

    func login(_ n: Int, key: [UInt8], station: String = "station", at: Int64 = 1_764_460_800_000) -> StoredStationLogin {
        StoredStationLogin(tokenHash: hash(n), stationID: station, keyFingerprint: key, createdAt: at + Int64(n))
    }

    @Test("A kept login is there after the store is closed and opened again")
    func survivesAReopen() throws {
        let fixture = try StoreFixture()
        do {
            let store = try fixture.open()
            try store.saveStationLogin(login(1, key: keyA))
            try store.saveStationLogin(login(1, key: keyA))  // the same token again: one row
        }
        let reopened = try fixture.open()
        let kept = try reopened.keepStationLogins(stationID: "station", keyFingerprint: keyA)
        #expect(kept == [login(1, key: keyA)])
        #expect(kept[0].role == "station")
    }

    @Test("A changed station key or station id leaves the old logins behind, and they are gone")
    func anotherKeyOrStationDropsThem() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        try store.saveStationLogin(login(1, key: keyA))
        try store.saveStationLogin(login(2, key: keyB))
        try store.saveStationLogin(login(3, key: keyB, station: "hall-2"))
        #expect(try store.keepStationLogins(stationID: "station", keyFingerprint: keyB).map(\.tokenHash) == [hash(2)])
        #expect(try store.stationLogins().map(\.tokenHash) == [hash(2)], "the others must be deleted, not just skipped")
        // Station login switched off: nothing stays.
        #expect(try store.keepStationLogins(stationID: "station", keyFingerprint: nil).isEmpty)
        #expect(try store.stationLogins().isEmpty)
    }

    @Test("Signing out one login and revoking all; the revocation is audited")
    func removeOneAndRevokeAll() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        for n in 1...3 { try store.saveStationLogin(login(n, key: keyA)) }
        try store.deleteStationLogin(tokenHash: hash(2))
        try store.deleteStationLogin(tokenHash: hash(99))  // unknown: nothing happens
        #expect(try store.stationLogins().map(\.tokenHash) == [hash(1), hash(3)])
        #expect(try store.deleteStationLogins(by: "uid:0", at: fixture.t0) == 2)
        #expect(try store.stationLogins().isEmpty)
        #expect(try store.deleteStationLogins(by: "uid:0", at: fixture.t0 + 1) == 0)
        let revocations = try store.auditEntries().filter { $0.action == "station.logins_revoked" }
        #expect(revocations.map(\.actor) == ["uid:0", "uid:0"])
        #expect(try store.verifyAuditLog() == 2)
    }

    @Test("At most maximumStationLogins are kept; the oldest go")
    func bounded() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let limit = RecordStore.maximumStationLogins
        for n in 0..<(limit + 5) { try store.saveStationLogin(login(n, key: keyA)) }
        let kept = try store.stationLogins()
        #expect(kept.count == limit)
        #expect(kept.first?.tokenHash == hash(5) && kept.last?.tokenHash == hash(limit + 4))
    }

    @Test("A malformed login is refused by the schema and nothing is written")
    func malformedIsRefused() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        // Not a SHA-256 (a token itself would be longer or shorter), an empty one, a staff role.
        for bad in [
            StoredStationLogin(tokenHash: Array("station-secret-0123456789".utf8), stationID: "station", keyFingerprint: keyA, createdAt: 1),
            StoredStationLogin(tokenHash: [], stationID: "station", keyFingerprint: keyA, createdAt: 1),
            StoredStationLogin(tokenHash: hash(1), stationID: "station", role: "supervisor", keyFingerprint: keyA, createdAt: 1),
        ] {
            #expect(throws: (any Error).self) { try store.saveStationLogin(bad) }
        }
        #expect(try store.stationLogins().isEmpty)
        #expect(try store.integrityCheck() == ["ok"])
    }
}
