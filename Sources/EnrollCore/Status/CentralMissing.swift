/// Records of this kiosk the central server lacks (restored from an older backup), while
/// the uploader deals with it.
public struct CentralMissing: Codable, Sendable, Equatable {
    public var from: UInt64
    public var through: UInt64
    /// True while the kiosk re-sends them from its outbox; false when it no longer holds
    /// them all and the central operators must act (newer backup, or `enroll-ingest accept-gap`).
    public var resending: Bool

    public init(from: UInt64, through: UInt64, resending: Bool) {
        self.from = from
        self.through = through
        self.resending = resending
    }
}
