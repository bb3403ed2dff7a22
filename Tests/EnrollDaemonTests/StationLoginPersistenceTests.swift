import Access
import EnrollCore
import Foundation
import Logging
import Store
import TestSupport
import Testing
@testable import EnrollDaemon

/// Station logins kept in a real SQLite store through the daemon's adapter: a station is
/// still signed in after the daemon (here: AccessControl and the store) starts again,
/// unless its key changed or a technician revoked it; staff logins never outlive a run;
/// the file holds no token.
@Suite("Station logins outlive a restart")
final class StationLoginPersistenceTests {
    static let stationToken = "station-secret-0123456789"

    let folder: URL

    init() throws {
        folder = try BuiltProducts.temporaryFolder()
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    func openStore() throws -> RecordStore {
        try RecordStore.open(directory: folder.path, limits: .init(maximumQueueBytes: .max, minimumFreeBytes: 0, retentionMilliseconds: 0))
    }

    /// What the daemon builds at start-up: the store opened, logins restored from it.
    func start(_ store: RecordStore, stationToken: String = stationToken, stationID: String = "station") -> AccessControl {
        AccessControl(
            settings: .init(pinIterations: 1000, lockout: .init(threshold: 5, base: .seconds(30)), idle: .seconds(900),
                            stationToken: stationToken, stationID: stationID),
            directory: FakeStaffDirectory(store: store),
            stationLogins: StoreStationLogins(store: StoreThread(store: store), logger: Logger(label: "test")))
    }

    @Test("Signed in, restarted: the same cookie and CSRF token still work")
    func aStationLoginSurvivesARestart() async throws {
        let granted: AccessControl.Granted
        do {
            let store = try openStore()
            granted = try await start(store).login(.station(token: Self.stationToken))
            #expect(try store.stationLogins().count == 1)
        }
        let store = try openStore()
        let restarted = start(store)
        let found = try #require(await restarted.authenticate(granted.token))
        #expect(found.login.principal == Principal(id: "station", role: .station, via: .station))
        #expect(found.login.csrfToken == granted.csrfToken, "the page keeps its CSRF token in memory across the restart")
        #expect(found.idleRemaining == nil)
        #expect(await restarted.authenticate(granted.token + "x") == nil)
        #expect(await restarted.authenticate(granted.csrfToken) == nil, "the CSRF token is not a login")
    }

    @Test("A changed station key in the configuration ends the kept logins")
    func aChangedStationKeyInvalidatesThem() async throws {
        let token: String
        do { token = try await start(try openStore()).login(.station(token: Self.stationToken)).token }
        do {
            let store = try openStore()
            #expect(await start(store, stationToken: "another-station-key-0123").authenticate(token) == nil)
            #expect(try store.stationLogins().isEmpty, "stale logins are deleted at start-up")
        }
        // Back to the old key: they do not come back.
        #expect(await start(try openStore()).authenticate(token) == nil)
        // A changed station id also leaves them, and no station key at all removes every one.
        let second: String
        do { second = try await start(try openStore()).login(.station(token: Self.stationToken)).token }
        #expect(await start(try openStore(), stationID: "hall-2").authenticate(second) == nil)
        do { _ = try await start(try openStore()).login(.station(token: Self.stationToken)) }
        let store = try openStore()
        _ = start(store, stationToken: "")
        #expect(try store.stationLogins().isEmpty)
    }

    @Test("A technician's revocation and a station's own logout end them now and after a restart")
    func revocationAndLogout() async throws {
        let first: String, second: String, third: String
        do {
            let store = try openStore()
            let access = start(store)
            first = try await access.login(.station(token: Self.stationToken)).token
            second = try await access.login(.station(token: Self.stationToken)).token
            let staff = try await access.login(.pin(operatorID: "sup1", pin: "4711")).token
            #expect(try await access.revokeStationLogins(by: "uid:0") == 2)
            #expect(await access.authenticate(first) == nil)
            #expect(await access.authenticate(second) == nil)
            #expect(await access.authenticate(staff) != nil, "revoking stations leaves staff signed in")
            #expect(try store.auditEntries().contains { $0.actor == "uid:0" && $0.action == "station.logins_revoked" })
            third = try await access.login(.station(token: Self.stationToken)).token
            await access.logout(third)
            #expect(try store.stationLogins().isEmpty)
        }
        let restarted = start(try openStore())
        for token in [first, second, third] { #expect(await restarted.authenticate(token) == nil) }
    }

    @Test("Staff logins end with the daemon")
    func staffLoginsAreNotKept() async throws {
        let staff: String
        do {
            let store = try openStore()
            staff = try await start(store).login(.pin(operatorID: "sup1", pin: "4711")).token
            #expect(try store.stationLogins().isEmpty)
        }
        #expect(await start(try openStore()).authenticate(staff) == nil)
    }

    @Test("The database files hold no token, CSRF token or station key")
    func noSecretInTheFile() async throws {
        let store = try openStore()
        let access = start(store)
        var secrets = [Self.stationToken]
        for _ in 0..<3 {
            let granted = try await access.login(.station(token: Self.stationToken))
            secrets += [granted.token, granted.csrfToken]
        }
        try store.checkpointTruncate()
        var files: [[UInt8]] = []
        for suffix in ["", "-wal", "-shm"] {
            if let data = FileManager.default.contents(atPath: store.path + suffix) { files.append(Array(data)) }
        }
        #expect(!files.isEmpty)
        for secret in secrets {
            let needle = Array(secret.utf8)
            #expect(!files.contains { Self.contains($0, needle) }, "a secret is in the database file")
        }
        // What is there: the hash, so the test would see it if the adapter stored the token.
        let hashes = try store.stationLogins().map(\.tokenHash)
        #expect(hashes.count == 3 && hashes.allSatisfy { $0.count == 32 })
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}

/// One supervisor account (PIN 4711) in place of the store's operator table, which these
/// tests do not exercise; its audit entries go to the real store.
struct FakeStaffDirectory: OperatorDirectory {
    let store: RecordStore
    let account = OperatorCredential(operatorID: "sup1", role: .supervisor, pinHash: PINHasher(iterations: 1000).hash("4711"), active: true)

    func credential(_ operatorID: String) async -> OperatorCredential? { operatorID == account.operatorID ? account : nil }
    func verifyFinger(_ operatorID: String?) async throws(AccessDenied) -> String? { nil }
    func cancelFingerWait() async {}
    func audit(actor: String, action: String) async throws {
        try store.recordAudit(actor: actor, action: action, recordID: nil, at: 1_764_460_800_000)
    }
}
