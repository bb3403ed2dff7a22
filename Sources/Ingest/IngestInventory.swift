/// What the receiver's storage holds for one device, for `enroll-ingest list`.
public struct StoredDevice: Sendable, Equatable {
    public let deviceID: [UInt8]
    /// The chain head the receiver holds: the kiosk's next record must follow it.
    public let headSequence: UInt64
    /// When the newest stored record (the head's) arrived, milliseconds since 1970; nil
    /// while none is stored.
    public let lastReceivedAt: Int64?
    /// The records the receiver lacks before the lowest one the kiosk sent beyond the head
    /// (the gap it refused, `ChainGap.missing`), while the head has not moved since; nil
    /// when no gap is open. Central IT closes it with a newer backup or `accept-gap`.
    public let missing: ClosedRange<UInt64>?
    /// The last audit entry held for the device (0 before the first).
    public let auditHead: Int64

    public init(deviceID: [UInt8], headSequence: UInt64, lastReceivedAt: Int64?, missing: ClosedRange<UInt64>? = nil, auditHead: Int64 = 0) {
        self.deviceID = deviceID
        self.headSequence = headSequence
        self.lastReceivedAt = lastReceivedAt
        self.missing = missing
        self.auditHead = auditHead
    }

    /// The gap from a noted next sequence (0 or anything not beyond head + 1: none).
    public static func missing(head: UInt64, gapNext: Int64) -> ClosedRange<UInt64>? {
        guard gapNext > 0, UInt64(gapNext) > head &+ 1, head < UInt64.max else { return nil }
        return (head + 1)...(UInt64(gapNext) - 1)
    }
}

/// A storage that can say, per device, how far its chain is and when it last grew. Apart
/// from `IngestStorage` because only the operator's report needs it.
public protocol IngestInventory: Sendable {
    /// Every device the storage has a chain head or a record for, in no particular order.
    func storedDevices() async throws -> [StoredDevice]
}
