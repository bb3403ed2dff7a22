/// A staff account. Credentials are stored as a slow hash, never as a PIN.
public struct OperatorAccount: Sendable, Equatable {
    public enum Role: String, Sendable { case operator_ = "operator", supervisor, technician }
    public let operatorID: String
    public let role: Role
    public let credentialHash: [UInt8]
    public let active: Bool

    public init(operatorID: String, role: Role, credentialHash: [UInt8], active: Bool) {
        self.operatorID = operatorID
        self.role = role
        self.credentialHash = credentialHash
        self.active = active
    }
}

/// Staff accounts and their enrolled fingers.
extension RecordStore {
    /// Creates or changes an account. An inactive account keeps no enrolled fingers: they
    /// are deleted in the same transaction.
    public func saveOperator(_ account: OperatorAccount, at: Int64, by actor: String) throws {
        try write { c in
            try c.prepare("""
                INSERT INTO operators (operator_id, role, credential_hash, active, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (operator_id) DO UPDATE SET role = excluded.role, credential_hash = excluded.credential_hash, active = excluded.active
                """)
                .bind(.text(account.operatorID), .text(account.role.rawValue), .blob(account.credentialHash), .integer(account.active ? 1 : 0), .integer(at))
                .run()
            if !account.active {
                try c.prepare("DELETE FROM operator_fingers WHERE operator_id = ?1").bind(.text(account.operatorID)).run()
            }
            try Self.appendAudit(c, at: at, actor: actor, action: "operator.saved:\(account.operatorID)", recordID: nil)
        }
    }

    public func operatorAccount(_ operatorID: String) throws(StoreError) -> OperatorAccount? {
        try read { c throws(StoreError) in
            let s = try c.prepare("SELECT role, credential_hash, active FROM operators WHERE operator_id = ?1").bind(.text(operatorID))
            guard try s.step(), let role = OperatorAccount.Role(rawValue: s.text(0) ?? "") else { return nil }
            return OperatorAccount(operatorID: operatorID, role: role, credentialHash: s.blob(1), active: s.int64(2) == 1)
        }
    }

    /// Every account, by id; hashes included, for the caller to drop.
    public func operatorAccounts() throws(StoreError) -> [OperatorAccount] {
        try read { c throws(StoreError) in
            let s = try c.prepare("SELECT operator_id, role, credential_hash, active FROM operators ORDER BY operator_id")
            var accounts: [OperatorAccount] = []
            while try s.step() {
                guard let role = OperatorAccount.Role(rawValue: s.text(1) ?? "") else { continue }
                accounts.append(OperatorAccount(operatorID: s.text(0) ?? "", role: role, credentialHash: s.blob(2), active: s.int64(3) == 1))
            }
            return accounts
        }
    }
}
