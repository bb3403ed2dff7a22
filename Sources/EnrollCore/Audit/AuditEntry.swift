/// One audit log entry: who did what to which record, when. No personal data. Kept by the
/// kiosk (`RecordStore+Audit`) and, once shipped, by the receiver: both check it with the
/// one definition of its hash below.
public struct AuditEntry: Sendable, Equatable {
    public let seq: Int64
    public let at: Int64
    /// An operator id, or a role of the daemon ("sync", "retention").
    public let actor: String
    /// A dotted verb, e.g. "record.committed".
    public let action: String
    public let recordID: RecordID?
    public let previousHash: [UInt8]
    public let hash: [UInt8]

    public init(seq: Int64, at: Int64, actor: String, action: String, recordID: RecordID?, previousHash: [UInt8], hash: [UInt8]) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.recordID = recordID
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The bytes an entry's hash covers: a domain tag, the previous hash, then the entry's
    /// fields in the canonical encoding. EnrollCore does no cryptography, so the digest
    /// (SHA-256) is applied by the caller through `AuditDigest`; the layout lives only here.
    public static func hashedBytes(previous: [UInt8], seq: Int64, at: Int64, actor: String, action: String, recordID: RecordID?) -> [UInt8] {
        var w = ByteWriter()
        w.raw(Array("enrolld-audit-v1".utf8))
        w.raw(previous)
        w.i64(seq)
        w.i64(at)
        w.string(actor)
        w.string(action)
        w.optional(recordID) { $0.raw($1.bytes) }
        return w.bytes
    }

    /// The hash this entry should carry, recomputed from its fields.
    public func expectedHash(_ digest: AuditDigest) -> [UInt8] {
        digest.hash(Self.hashedBytes(previous: previousHash, seq: seq, at: at, actor: actor, action: action, recordID: recordID))
    }
}

/// SHA-256, as the module that has cryptography provides it (Store on the kiosk, Ingest on
/// the receiver): the audit chain's rules stay here without EnrollCore importing Crypto.
public struct AuditDigest: Sendable {
    public let hash: @Sendable ([UInt8]) -> [UInt8]

    public init(_ hash: @escaping @Sendable ([UInt8]) -> [UInt8]) { self.hash = hash }
}
