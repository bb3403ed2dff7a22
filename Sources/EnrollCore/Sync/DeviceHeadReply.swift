/// The receiver's answer to `GET /v1/devices/{id}/head`: the last record it holds for the
/// device. Read by the uploader at start, when the outbox may stay empty for hours.
public struct DeviceHeadReply: Codable, Sendable, Equatable {
    public var deviceID: String
    public var sequence: UInt64
    /// Hex of the head record's envelope hash.
    public var hash: String

    public init(deviceID: String, sequence: UInt64, hash: String) {
        self.deviceID = deviceID
        self.sequence = sequence
        self.hash = hash
    }

    enum CodingKeys: String, CodingKey { case deviceID = "device_id", sequence, hash }
}
