/// `GET /v1/audit` (`enrollctl audit`): the kiosk's audit log, a page at a time: who did
/// what to which record and when, as the daemon wrote it, hash-chained. Operator ids and
/// record ids, never a person's details; for the data-protection officer, an inquiry, or a
/// technician tying a consent to a record.
public struct AuditPage: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var seq: Int64
        /// Unix milliseconds by the kiosk's clock.
        public var at: Int64
        /// An operator id, a station id, or a part of the daemon ("sync", "retention").
        public var actor: String
        /// A dotted verb, e.g. `session.committed`, `session.consent.accepted…`.
        public var action: String
        public var recordID: String?

        public init(seq: Int64, at: Int64, actor: String, action: String, recordID: String?) {
            (self.seq, self.at, self.actor, self.action, self.recordID) = (seq, at, actor, action, recordID)
        }

        enum CodingKeys: String, CodingKey {
            case seq, at, actor, action
            case recordID = "record_id"
        }
    }

    public var entries: [Entry]
    /// The `after` for the next page; nil when this page reached the end.
    public var next: Int64?
    /// With `verify`: how many entries the whole chain holds, all of them checked.
    public var verifiedEntries: Int?
    /// With `verify`: the first entry that does not chain, said in words.
    public var problem: String?
    /// The last entry this kiosk let go after the central server acknowledged it
    /// (`storage.audit_retention_days`); nil when none was. The chain is checked from the
    /// entry after it.
    public var letGoThrough: Int64?

    public init(entries: [Entry], next: Int64?, verifiedEntries: Int? = nil, problem: String? = nil) {
        (self.entries, self.next, self.verifiedEntries, self.problem) = (entries, next, verifiedEntries, problem)
    }

    enum CodingKeys: String, CodingKey {
        case entries, next, problem
        case verifiedEntries = "verified_entries"
        case letGoThrough = "let_go_through"
    }

    /// Largest page a request may ask for.
    public static let maximumLimit = 10_000
}
