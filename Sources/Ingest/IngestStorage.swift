import EnrollCore

/// An envelope that passed the signature checks, with its hash computed once.
public struct CheckedEnvelope: Sendable {
    public let envelope: RecordEnvelope
    public let bytes: [UInt8]
    /// SHA-256 of `bytes`: the chain hash and the receipt's record hash.
    public let hash: [UInt8]

    public init(envelope: RecordEnvelope, bytes: [UInt8], hash: [UInt8]) {
        self.envelope = envelope
        self.bytes = bytes
        self.hash = hash
    }
}

/// Where the receiver keeps records: SQLite by default, PostgreSQL for a central site.
/// `store` decides with `IngestRules` and writes in one transaction, so two connections
/// from one device (a retry racing its original) cannot both advance the head. Every
/// storage keeps the kiosks' audit logs too.
public protocol IngestStorage: AuditStorage {
    /// The device's chain head (genesis for a device never seen).
    func head(device: [UInt8]) async throws -> ChainHead
    /// Decides and stores `records` in order, committing before it returns.
    func store(device: [UInt8], records: [CheckedEnvelope], receivedAt: Int64) async throws -> [IngestDecision]
    /// Every stored (sequence, envelope hash) of a device in sequence order: for audits and tests.
    func stored(device: [UInt8]) async throws -> [(sequence: UInt64, hash: [UInt8])]
    /// Empties the stored envelope of `recordID`, keeping its device, sequence and hash,
    /// and overwrites the freed bytes where the storage can; nil when no such record is held.
    func erase(recordID: [UInt8]) async throws -> ErasedRecord?
}
