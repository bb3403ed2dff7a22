/// What `GET /v1/queue` answers and `enrollctl queue` prints: the outbox in detail and
/// whether a new enrollment would be accepted. No personal data, no record contents.
public struct QueueStatus: Codable, Sendable, Equatable {
    /// The storage's state as a technician needs to know it.
    public enum Storage: String, Codable, Sendable {
        /// Open and accepting records.
        case open
        /// The database failed its integrity check and was moved aside; capture is refused.
        case damaged
        /// A stored record does not verify (signature, digest or chain); capture is refused.
        case chainBroken = "chain_broken"
        /// The store could not be opened (see the journal); capture is refused.
        case unavailable
    }

    public var storage: Storage
    public var queue: QueueSummary
    /// The last sequence number in the device's chain.
    public var headSequence: UInt64
    /// Whether a new enrollment session would be accepted now.
    public var accepting: Bool
    /// Why not, in a sentence for the technician; nil when accepting.
    public var refusal: String?
    public var maximumQueueBytes: Int
    public var freeBytes: Int
    public var minimumFreeBytes: Int
    /// Set when staff should be told that records are not reaching the central server
    /// (see `QueueWarning.evaluate`); nil while all is well or when nobody asked.
    public var warning: QueueWarning?

    public init(storage: Storage, queue: QueueSummary, headSequence: UInt64, accepting: Bool, refusal: String?,
                maximumQueueBytes: Int, freeBytes: Int, minimumFreeBytes: Int) {
        self.storage = storage
        self.queue = queue
        self.headSequence = headSequence
        self.accepting = accepting
        self.refusal = refusal
        self.maximumQueueBytes = maximumQueueBytes
        self.freeBytes = freeBytes
        self.minimumFreeBytes = minimumFreeBytes
    }

    enum CodingKeys: String, CodingKey {
        case storage, queue, accepting, refusal
        case headSequence = "head_sequence"
        case maximumQueueBytes = "maximum_queue_bytes"
        case freeBytes = "free_bytes"
        case minimumFreeBytes = "minimum_free_bytes"
        case warning
    }
}

/// What `GET /v1/key` answers and `enrollctl key show` prints: the device's public
/// identity, to register with the central server. Never the private key.
public struct DeviceKeyInfo: Codable, Sendable, Equatable {
    public var algorithm: String
    /// The device id (first 16 bytes of SHA-256 of the public key), hex.
    public var deviceID: String
    /// The raw Ed25519 public key, hex.
    public var publicKey: String

    public init(algorithm: String, deviceID: String, publicKey: String) {
        self.algorithm = algorithm
        self.deviceID = deviceID
        self.publicKey = publicKey
    }

    enum CodingKeys: String, CodingKey {
        case algorithm
        case deviceID = "device_id"
        case publicKey = "public_key"
    }
}
