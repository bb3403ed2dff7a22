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
        let store = try await openStore()
        do {
            let (accounts, fingers) = try await store.run { store throws(StoreError) in (try store.operatorAccounts(), try store.operatorFingers()) }
            let enrolled = Set(fingers.map(\.operatorID))
            var views: [OperatorView] = []
            for account in accounts {
                var view = OperatorView(operatorID: account.operatorID, role: account.role.rawValue, active: account.active,
                                        hasFinger: enrolled.contains(account.operatorID))
                // Rounded up: a lock with 0.4 s left is still a lock.
                view.lockedSeconds = await access.lockedFor(account.operatorID).map { Int(($0.seconds).rounded(.up)) }
                views.append(view)
            }
            return views
        } catch {
            throw APIProblem(.serviceUnavailable, "storage", "The accounts could not be read: \(error)")
        }
    }

    func save(operatorID: String, role: Role, pin: String, by caller: Principal) async throws(APIProblem) -> OperatorView {
        guard let stored = OperatorAccount.Role(rawValue: role.rawValue) else {
            throw APIProblem(.unprocessableContent, "invalid_operator", "role must be operator, supervisor or technician.")
        }
        let store = try await openStore()
        let hash = access.hasher.hash(pin)
        let account = OperatorAccount(operatorID: operatorID, role: stored, credentialHash: hash, active: true)
        let (now, actor) = (RecordKeeper.unixMilliseconds(), caller.id)
        do {
            try await store.run { store in try store.saveOperator(account, at: now, by: actor) }
        } catch {
            throw APIProblem(.serviceUnavailable, "storage", "The account could not be saved: \(error)")
        }
        await access.revoke(operatorID: operatorID)
        let fingers = try? await store.run { store throws(StoreError) in try store.operatorFingers(of: operatorID) }
        let hasFinger = !(fingers ?? []).isEmpty
        return OperatorView(operatorID: operatorID, role: role.rawValue, active: true, hasFinger: hasFinger)
    }

    func remove(operatorID: String, by caller: Principal) async throws(APIProblem) {
        let store = try await openStore()
        guard let account = try? await store.run({ store throws(StoreError) in try store.operatorAccount(operatorID) }), account.active else {
            throw APIProblem(.notFound, "not_found", "No active operator \(operatorID).")
        }
        // Kept, inactive: the audit log names it.
        let inactive = OperatorAccount(operatorID: operatorID, role: account.role, credentialHash: account.credentialHash, active: false)
        let (now, actor) = (RecordKeeper.unixMilliseconds(), caller.id)
        do {
            try await store.run { store in try store.saveOperator(inactive, at: now, by: actor) }
        } catch {
            throw APIProblem(.serviceUnavailable, "storage", "The account could not be changed: \(error)")
        }
        await access.revoke(operatorID: operatorID)
    }

    func enrollFinger(operatorID: String, finger: FingerPosition, by caller: Principal) async throws(APIProblem) {
        try await fingers.enroll(operatorID: operatorID, finger: finger, by: caller.id)
    }

    func diagnostics() async -> [UInt8] { await diagnose() }

    func audit(after: Int64, limit: Int, verify: Bool) async throws(APIProblem) -> AuditPage {
        let store = try await openStore()
        do {
            // One more than asked: whether a next page exists, without a second read.
            let (entries, checked, anchor) = try await store.run { store throws(StoreError) -> ([AuditEntry], Result<Int, StoreError>?, AuditHead) in
                let anchor = try store.auditAnchor()
                let entries = try store.auditEntries(after: after, limit: limit + 1)
                guard verify else { return (entries, nil, anchor) }
                do throws(StoreError) { return (entries, .success(try store.verifyAuditLog()), anchor) } catch { return (entries, .failure(error), anchor) }
            }
            let page = entries.prefix(limit).map {
                AuditPage.Entry(seq: $0.seq, at: $0.at, actor: $0.actor, action: $0.action, recordID: $0.recordID.map { "\($0)" })
            }
            var answer = AuditPage(entries: Array(page), next: entries.count > limit ? page.last?.seq : nil)
            answer.letGoThrough = anchor.seq > 0 ? anchor.seq : nil
            switch checked {
            case .success(let count)?: answer.verifiedEntries = count
            case .failure(let error)?: answer.problem = "\(error)"
            case nil: break
            }
            return answer
        } catch {
            throw APIProblem(.serviceUnavailable, "storage", "The audit log could not be read: \(error)")
        }
    }

    func openStore() async throws(APIProblem) -> StoreThread {
        guard let store = records.keeper.store else {
            throw APIProblem(.serviceUnavailable, "storage", await records.keeper.refusalReason() ?? "The record database is not open.")
        }
        return store
    }

    func unlock(operatorID: String, by caller: Principal) async throws(APIProblem) {
        // A mistyped id would otherwise be "unlocked" while the real one stays locked.
        let store = try await openStore()
        guard (try? await store.run({ store throws(StoreError) in try store.operatorAccount(operatorID) })) != nil else {
            throw APIProblem(.notFound, "not_found", "No operator \(operatorID); `enrollctl operators list` shows the accounts and which are locked.")
        }
        do throws(AccessDenied) {
            try await access.unlock(operatorID, by: caller.id)
        } catch {
            throw APIProblem(status: error.status, error.code.rawValue, error.description)
        }
    }
}
