import Access
import EnrollCore
import EventLog
import Logging
import Store

/// Operator accounts in the Store, for logins and approvals; their enrolled fingers for
/// fingerprint login.
struct StoreOperatorDirectory: OperatorDirectory {
    let records: KeeperSessionRecords
    let fingers: OperatorFingers
    let logger: Logger

    func credential(_ operatorID: String) async -> OperatorCredential? {
        guard let store = records.keeper.openStore,
              let account = try? await store.run({ store throws(StoreError) in try store.operatorAccount(operatorID) }),
              let role = Role(rawValue: account.role.rawValue) else { return nil }
        return OperatorCredential(operatorID: account.operatorID, role: role, pinHash: account.credentialHash, active: account.active)
    }

    func verifyFinger(_ operatorID: String?) async throws(AccessDenied) -> String? {
        try await fingers.identify(operatorID)
    }

    func cancelFingerWait() async {
        await fingers.cancelIdentify()
    }

    func audit(actor: String, action: String) async throws {
        // The lock-out holds whether or not its entry can be written: the journal says so first.
        if action.hasSuffix(".locked_out") {
            logger.log(.operatorLockedOut, "Repeated failed logins: an operator id is locked out for a while")
        }
        try await records.audit(actor: actor, action: action, recordID: nil)
    }
}
