/// The staff accounts, for `enrollctl operators list`.
extension RecordStore {
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
