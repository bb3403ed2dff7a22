/// Records of this kiosk the central server lacks (restored from an older backup, or never
/// received because this kiosk's database lost them), while the uploader deals with it.
public struct CentralMissing: Codable, Sendable, Equatable {
    public var from: UInt64
    public var through: UInt64
    /// True while the kiosk re-sends them from its outbox; false when it no longer holds
    /// them all and the central operators must act (newer backup, or `enroll-ingest accept-gap`).
    public var resending: Bool
    /// True when this kiosk's own database lost them (a loss a technician accepted): no
    /// backup holds them, only `enroll-ingest accept-gap --after <through>` closes the gap.
    /// Absent otherwise.
    public var lostHere: Bool?

    public init(from: UInt64, through: UInt64, resending: Bool, lostHere: Bool? = nil) {
        self.from = from
        self.through = through
        self.resending = resending
        self.lostHere = lostHere
    }

    enum CodingKeys: String, CodingKey {
        case from, through, resending
        case lostHere = "lost_here"
    }
}
