import Access
import CSQLite
import Foundation
import Logging
import Store
import TestSupport
import Testing
@testable import EnrollDaemon

/// Audited logins through the daemon's own adapters (AccessControl → StoreOperatorDirectory
/// → KeeperSessionRecords → StoreThread → a real SQLite file): each entry is readable from a
/// second, fresh connection the moment the call returns, which is what a crash or a power
/// cut right after the API's answer leaves; and a store that refuses the write makes the
/// login fail closed.
@Suite("Audit entries are on disk before an audited action answers")
final class AuditDurabilityTests {
    let folder: URL
    let store: RecordStore
    let access: AccessControl

    init() throws {
        folder = try BuiltProducts.temporaryFolder()
        store = try RecordStore.open(directory: folder.path, limits: .init(maximumQueueBytes: .max, minimumFreeBytes: 0, retentionMilliseconds: 0))
        let hash = PINHasher(iterations: 1000).hash("4711")
        try store.saveOperator(.init(operatorID: "op1", role: .operator_, credentialHash: hash, active: true), at: 1, by: "uid:0")
        let thread = StoreThread(store: store)
        let logger = Logger(label: "test")
        let keeper = RecordKeeper(deviceKey: nil, galleryCipher: nil, storeState: .open(thread), sealer: nil, receiptVerifier: nil,
                                  limits: store.limits, logger: logger)
        let records = KeeperSessionRecords(keeper: keeper, logger: logger)
        // The daemon's reader source, never started: these logins are by PIN.
        let readers = DeviceParts(configuration: DaemonConfiguration(), environment: [:]).readers
        let fingers = OperatorFingers(readers: readers, records: records, logger: logger)
        access = AccessControl(
            settings: .init(pinIterations: 1000, lockout: .init(threshold: 2, base: .seconds(60)), idle: .seconds(900),
                            stationToken: "", stationID: "station"),
            directory: StoreOperatorDirectory(records: records, fingers: fingers, logger: logger))
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The audit log's actions as a new connection of its own sees them: only what is
    /// committed to the file and its WAL, nothing of the daemon's connection's state.
    func actionsOnDisk() throws -> [String] {
        var db: OpaquePointer?
        try #require(sqlite3_open_v2(store.path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK)
        defer { sqlite3_close_v2(db) }
        var statement: OpaquePointer?
        try #require(sqlite3_prepare_v2(db, "SELECT actor, action FROM audit_log ORDER BY seq", -1, &statement, nil) == SQLITE_OK)
        defer { sqlite3_finalize(statement) }
        var actions: [String] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            actions.append(String(cString: sqlite3_column_text(statement, 0)) + " " + String(cString: sqlite3_column_text(statement, 1)))
        }
        return actions
    }

    /// What an attacker's or a failing disk's refusal looks like to the daemon: from a
    /// second connection, a trigger makes every new audit row fail inside SQLite, so the
    /// daemon's INSERT and its transaction fail as they would on an I/O error.
    func refuseAuditWrites() throws {
        var db: OpaquePointer?
        try #require(sqlite3_open_v2(store.path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK)
        defer { sqlite3_close_v2(db) }
        let sql = "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk I/O error (injected)'); END;"
        try #require(sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK, "\(String(cString: sqlite3_errmsg(db)))")
    }

    func refusal(_ method: AccessControl.Method) async -> AccessDenied.Code? {
        do { _ = try await access.login(method) } catch { return error.code }
        return nil
    }

    @Test("A login, a failed login, a lock-out, an unlock and a logout: each entry is on disk when the call returns")
    func entriesAreDurableOnReturn() async throws {
        let granted = try await access.login(.pin(operatorID: "op1", pin: "4711"))
        #expect(try actionsOnDisk().last == "op1 login.pin")

        #expect(await refusal(.pin(operatorID: "op1", pin: "0000")) == .loginFailed)
        #expect(try actionsOnDisk().last == "op1 login.failed")

        #expect(await refusal(.pin(operatorID: "op1", pin: "0001")) == .loginFailed)
        #expect(try actionsOnDisk().suffix(2) == ["op1 login.failed", "op1 login.locked_out"])

        try await access.unlock("op1", by: "uid:0")
        #expect(try actionsOnDisk().last == "uid:0 login.unlocked:op1")

        await access.logout(granted.token)
        #expect(try actionsOnDisk().last == "op1 logout")
        // An id that names no account is written as "unknown", never as typed.
        #expect(await refusal(.pin(operatorID: "4711-typed-as-id", pin: "0000")) == .loginFailed)
        #expect(try actionsOnDisk().last == "unknown login.failed")
        #expect(try store.verifyAuditLog() == actionsOnDisk().count, "the chain holds over every entry")
    }

    @Test("A store that cannot write the entry: the login is refused (503), failures still count, a logout still ends the login")
    func aFailingStoreFailsClosed() async throws {
        let earlier = try await access.login(.pin(operatorID: "op1", pin: "4711"))
        let before = try actionsOnDisk()
        try refuseAuditWrites()

        let denied: AccessDenied
        do {
            _ = try await access.login(.pin(operatorID: "op1", pin: "4711"))
            Issue.record("a login succeeded without its audit entry")
            return
        } catch {
            denied = error
        }
        #expect(denied.code == .auditUnavailable && denied.status == 503)

        // Wrong PINs are refused with the same 503, and they still lock the id out: a broken
        // disk must not lift the brake on guessing.
        #expect(await refusal(.pin(operatorID: "op1", pin: "0000")) == .auditUnavailable)
        #expect(await refusal(.pin(operatorID: "op1", pin: "0001")) == .auditUnavailable)
        #expect(await refusal(.pin(operatorID: "op1", pin: "4711")) == .lockedOut)
        // Lifting the lock-out is an audited act too: not done.
        await #expect(throws: AccessDenied.self) { try await self.access.unlock("op1", by: "uid:0") }
        #expect(await refusal(.pin(operatorID: "op1", pin: "4711")) == .lockedOut)

        // Ending a login is the safe direction: it ends without its entry.
        await access.logout(earlier.token)
        #expect(await access.authenticate(earlier.token) == nil)
        #expect(try actionsOnDisk() == before, "nothing was written, and nothing earlier was lost")
    }
}
