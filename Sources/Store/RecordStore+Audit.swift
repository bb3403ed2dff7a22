import EnrollCore

extension RecordStore {
    /// Appends an entry (operator logins, exports, …) in its own transaction.
    public func recordAudit(actor: String, action: String, recordID: RecordID?, at: Int64) throws {
        try write { c in try Self.appendAudit(c, at: at, actor: actor, action: action, recordID: recordID) }
    }

    /// The entries after `after`, in order, at most `limit` of them (every entry by default).
    public func auditEntries(after: Int64 = 0, limit: Int = .max) throws(StoreError) -> [AuditEntry] {
        try read { c throws(StoreError) in
            let s = try c.prepare("SELECT seq, at, actor, action, record_id, previous_hash, hash FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2")
                .bind(.integer(after), .integer(Int64(min(limit, Int(Int64.max)))))
            var entries: [AuditEntry] = []
            while try s.step() {
                entries.append(AuditEntry(
                    seq: s.int64(0), at: s.int64(1), actor: s.text(2) ?? "", action: s.text(3) ?? "",
                    recordID: s.isNull(4) ? nil : RecordID(bytes: s.blob(4)), previousHash: s.blob(5), hash: s.blob(6)))
            }
            return entries
        }
    }

    /// Recomputes the audit chain (`AuditChain`, the receiver's rules too); returns the
    /// number of entries, or throws naming the first entry whose hash or link does not hold.
    /// Page by page, each page continuing the last one's head: after years the log is too
    /// long to hold in the daemon's memory at once. Entries
    /// appended meanwhile chain onto the end and are checked too.
    @discardableResult
    public func verifyAuditLog(pageSize: Int = 10_000) throws(StoreError) -> Int {
        // From the last entry let go (`pruneAudit`); the entries before it are at the centre.
        var head = try auditAnchor()
        var count = 0
        while true {
            let page = try auditEntries(after: head.seq, limit: max(1, pageSize))
            guard let last = page.last else { return count }
            do { try AuditChain.verify(page, continuing: head, digest: Self.auditDigest) } catch {
                throw .chainMismatch("audit entry \(error.seq ?? 0) does not chain")
            }
            head = AuditHead(seq: last.seq, hash: last.hash)
            count += page.count
        }
    }

    static func appendAudit(_ c: SQLiteConnection, at: Int64, actor: String, action: String, recordID: RecordID?) throws(StoreError) {
        let last = try c.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        // An empty log starts at genesis, or after the last entry let go.
        let head = try last.step() ? AuditHead(seq: last.int64(0), hash: last.blob(1)) : try auditAnchor(c)
        let (seq, previous) = (head.seq + 1, head.hash)
        let hash = auditHash(previous: previous, seq: seq, at: at, actor: actor, action: action, recordID: recordID)
        try c.prepare("INSERT INTO audit_log (seq, at, actor, action, record_id, previous_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .bind(.integer(seq), .integer(at), .text(actor), .text(action), recordID.map { .blob($0.bytes) } ?? .null, .blob(previous), .blob(hash))
            .run()
    }

    /// SHA-256 over the previous hash and the entry's canonical bytes (`AuditEntry.hashedBytes`).
    static func auditHash(previous: [UInt8], seq: Int64, at: Int64, actor: String, action: String, recordID: RecordID?) -> [UInt8] {
        sha256(AuditEntry.hashedBytes(previous: previous, seq: seq, at: at, actor: actor, action: action, recordID: recordID))
    }

    /// The digest the audit chain's rules in EnrollCore are given.
    public static let auditDigest = AuditDigest { sha256($0) }
}
