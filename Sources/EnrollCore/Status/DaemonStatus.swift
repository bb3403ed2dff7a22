/// What `GET /v1/status` answers and `enrollctl status` prints: the daemon's health at a
/// glance for a technician. Holds no personal data by construction.
public struct DaemonStatus: Codable, Sendable, Equatable {
    /// Where the daemon is in its life.
    public enum Phase: String, Codable, Sendable {
        case starting, ready, stopping
    }

    public var version: String
    public var phase: Phase
    public var uptimeSeconds: Double
    public var devices: [DeviceSummary]
    public var queue: QueueSummary
    public var sync: SyncSummary
    /// Whether an enrollment session is open (nil when the daemon runs no sessions): a
    /// restart or an upgrade now would end it. No detail about the person.
    public var sessionOpen: Bool?
    /// Whether a new enrollment would start now (nil when the daemon runs no sessions), and
    /// if not, why: the outbox full, the disk short, no reader or camera. A daemon can be
    /// `ready` and still turn every person away.
    public var accepting: Bool?
    public var refusal: String?
    /// Whether a technician holds new enrollments back (`enrollctl maintenance`); nil when
    /// the daemon runs no sessions.
    public var maintenance: Bool?

    public init(
        version: String, phase: Phase, uptimeSeconds: Double,
        devices: [DeviceSummary], queue: QueueSummary, sync: SyncSummary
    ) {
        self.version = version
        self.phase = phase
        self.uptimeSeconds = uptimeSeconds
        self.devices = devices
        self.queue = queue
        self.sync = sync
    }

    enum CodingKeys: String, CodingKey {
        case version, phase, devices, queue, sync
        case uptimeSeconds = "uptime_seconds"
        case sessionOpen = "session_open"
        case accepting, refusal, maintenance
    }
}
