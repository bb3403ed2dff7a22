import EnrollCore

/// Reading a kiosk's audit entries as the receiver holds them (`enroll-ingest audit`).
public protocol AuditReading: Sendable {
    /// The device's entries after `after`, in seq order, at most `limit`.
    func auditEntries(device: [UInt8], after: Int64, limit: Int) async throws -> [AuditEntry]
}

/// Where the receiver keeps the kiosks' audit logs (SQLite or PostgreSQL, the same rules):
/// per device, entries in seq order, each batch continuing the chain held.
public protocol AuditStorage: AuditReading {
    /// The last entry held for the device (`AuditHead.genesis` before the first).
    func auditHead(device: [UInt8]) async throws -> AuditHead
    /// Stores the part of `entries` (already checked by `AuditChain.verify`) that is new,
    /// in one transaction that also decides (`AuditChain.newEntries`): concurrent batches of
    /// one device cannot both extend the head. Throws `AuditChainError` with nothing stored
    /// when the batch does not continue what is held; returns the head now held.
    func storeAudit(device: [UInt8], entries: [AuditEntry], receivedAt: Int64) async throws -> AuditHead
}
