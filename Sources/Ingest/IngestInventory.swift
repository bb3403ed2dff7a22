/// What the receiver's storage holds for one device, for `enroll-ingest list`.
public struct StoredDevice: Sendable, Equatable {
    public let deviceID: [UInt8]
    /// The chain head the receiver holds: the kiosk's next record must follow it.
    public let headSequence: UInt64
    /// When the newest stored record (the head's) arrived, milliseconds since 1970; nil
    /// while none is stored.
    public let lastReceivedAt: Int64?

    public init(deviceID: [UInt8], headSequence: UInt64, lastReceivedAt: Int64?) {
        self.deviceID = deviceID
        self.headSequence = headSequence
        self.lastReceivedAt = lastReceivedAt
    }
}

/// A storage that can say, per device, how far its chain is and when it last grew. Apart
/// from `IngestStorage` because only the operator's report needs it.
public protocol IngestInventory: Sendable {
    /// Every device the storage has a chain head or a record for, in no particular order.
    func storedDevices() async throws -> [StoredDevice]
}
