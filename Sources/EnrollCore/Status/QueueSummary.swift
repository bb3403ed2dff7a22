/// The local outbox at a glance: how much is waiting to reach the central server.
public struct QueueSummary: Codable, Sendable, Equatable {
    /// Records committed and not yet receipted.
    public var depth: Int
    /// Their size on disk.
    public var bytes: Int
    /// Age of the oldest unsynced record, nil when the queue is empty.
    public var oldestAgeSeconds: Double?

    public init(depth: Int, bytes: Int, oldestAgeSeconds: Double?) {
        self.depth = depth
        self.bytes = bytes
        self.oldestAgeSeconds = oldestAgeSeconds
    }

    /// Nothing queued.
    public static let empty = QueueSummary(depth: 0, bytes: 0, oldestAgeSeconds: nil)

    enum CodingKeys: String, CodingKey {
        case depth, bytes
        case oldestAgeSeconds = "oldest_age_seconds"
    }
}
