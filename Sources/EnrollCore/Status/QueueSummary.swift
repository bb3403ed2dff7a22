/// The local outbox at a glance: how much is waiting to reach the central server.
public struct QueueSummary: Codable, Sendable, Equatable {
    /// Records committed and not yet receipted.
    public var depth: Int
    /// Their size on disk: what `storage.max_queue_mib` and the fill warnings count.
    public var bytes: Int
    /// Receipted records kept for the retention period: on disk, but outside the quota.
    public var retainedBytes: Int
    /// Age of the oldest unsynced record, nil when the queue is empty.
    public var oldestAgeSeconds: Double?

    public init(depth: Int, bytes: Int, retainedBytes: Int = 0, oldestAgeSeconds: Double?) {
        self.depth = depth
        self.bytes = bytes
        self.retainedBytes = retainedBytes
        self.oldestAgeSeconds = oldestAgeSeconds
    }

    /// Nothing queued.
    public static let empty = QueueSummary(depth: 0, bytes: 0, oldestAgeSeconds: nil)

    enum CodingKeys: String, CodingKey {
        case depth, bytes
        case retainedBytes = "retained_bytes"
        case oldestAgeSeconds = "oldest_age_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        depth = try container.decode(Int.self, forKey: .depth)
        bytes = try container.decode(Int.self, forKey: .bytes)
        // An enrolld from before this field answers without it.
        retainedBytes = try container.decodeIfPresent(Int.self, forKey: .retainedBytes) ?? 0
        oldestAgeSeconds = try container.decodeIfPresent(Double.self, forKey: .oldestAgeSeconds)
    }
}
