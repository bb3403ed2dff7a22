import EnrollCore

/// One stored record as `enroll-ingest find` shows it: where it sits and whether it is
/// still there, never what it holds.
public struct StoredRecord: Sendable, Equatable {
    public let recordID: RecordID
    public let deviceID: [UInt8]
    /// Its place in its kiosk's chain.
    public let sequence: UInt64
    /// When the receiver stored it, milliseconds since 1970.
    public let receivedAt: Int64
    /// Its envelope was emptied (`enroll-ingest erase`).
    public let erased: Bool

    public init(recordID: RecordID, deviceID: [UInt8], sequence: UInt64, receivedAt: Int64, erased: Bool) {
        self.recordID = recordID
        self.deviceID = deviceID
        self.sequence = sequence
        self.receivedAt = receivedAt
        self.erased = erased
    }

    /// When the kiosk made the record: a UUIDv7 starts with its millisecond timestamp, which
    /// tells two records sharing a short reference apart by the day the person names.
    public var createdAt: Int64 {
        recordID.bytes.prefix(6).reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }
}

/// A storage that finds records by what a person brings (`RecordReference`) and hands one
/// envelope out for a subject-access copy. Apart from `IngestStorage`: only the central
/// office's commands need it, read-only.
public protocol IngestRecordLookup: Sendable {
    /// Every record the reference names, by record id; more than one only for a short
    /// reference (the caller shows them all and picks none).
    func records(matching reference: RecordReference) async throws -> [StoredRecord]
    /// The record and its stored envelope (empty when erased); nil when not held.
    func envelope(recordID: RecordID) async throws -> (record: StoredRecord, envelope: [UInt8])?
}
