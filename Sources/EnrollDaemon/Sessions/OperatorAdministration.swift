import Access
import ControlAPI
import EnrollCore
import Foundation
import HTTPTypes
import Store

/// `enrollctl operators …` and `enrollctl diagnose` behind the socket.
struct OperatorAdministration: OperatorOperations {
    let records: KeeperSessionRecords
    let fingers: OperatorFingers
    let access: AccessControl
    let diagnose: @Sendable () async -> [UInt8]

    func list() async throws(APIProblem) -> [OperatorView] {
        let store = try openStore()
        do {
            let enrolled = Set(try store.operatorFingers().map(\.operatorID))
            return try store.operatorAccounts().map {
                OperatorView(operatorID: $0.operatorID, role: $0.role.rawValue, active: $0.active, hasFinger: enrolled.contains($0.operatorID))
            }
        } catch {
            throw APIProblem(.serviceUnavailable, "storage", "The accounts could not be read: \(error)")
        }
    }

    func save(operatorID: String, role: Role, pin: String, by caller: Principal) async throws(APIProblem) -> OperatorView {
        guard let stored = OperatorAccount.Role(rawValue: role.rawValue) else {
            throw APIProblem(.unprocessableContent, "invalid_operator", "role must be operator, supervisor or technician.")
        }
        let store = try openStore()
        let hash = access.hasher.hash(pin)
        do {
            try store.saveOperator(OperatorAccount(operatorID: operatorID, role: stored, credentialHash: hash, active: true),
                                   at: RecordKeeper.unixMilliseconds(), by: caller.id)
        } catch {
            throw APIProblem(.serviceUnavailable, "storage", "The account could not be saved: \(error)")
        }
        await access.revoke(operatorID: operatorID)
        let hasFinger = !((try? store.operatorFingers(of: operatorID)) ?? []).isEmpty
        return OperatorView(operatorID: operatorID, role: role.rawValue, active: true, hasFinger: hasFinger)
    }

    func remove(operatorID: String, by caller: Principal) async throws(APIProblem) {
        let store = try openStore()
        guard let account = try? store.operatorAccount(operatorID), account.active else {
            throw APIProblem(.notFound, "not_found", "No active operator \(operatorID).")
        }
        do {
            // Kept, inactive: the audit log names it.
            try store.saveOperator(OperatorAccount(operatorID: operatorID, role: account.role, credentialHash: account.credentialHash, active: false),
                                   at: RecordKeeper.unixMilliseconds(), by: caller.id)
        } catch {
            throw APIProblem(.serviceUnavailable, "storage", "The account could not be changed: \(error)")
        }
        await access.revoke(operatorID: operatorID)
    }

    func enrollFinger(operatorID: String, finger: FingerPosition, by caller: Principal) async throws(APIProblem) {
        try await fingers.enroll(operatorID: operatorID, finger: finger, by: caller.id)
    }

    func diagnostics() async -> [UInt8] { await diagnose() }

    func openStore() throws(APIProblem) -> RecordStore {
        guard let store = records.keeper.store else {
            throw APIProblem(.serviceUnavailable, "storage", records.keeper.refusalReason() ?? "The record database is not open.")
        }
        return store
    }

    func unlock(operatorID: String, by caller: Principal) async {
        await access.unlock(operatorID, by: caller.id)
    }
}
