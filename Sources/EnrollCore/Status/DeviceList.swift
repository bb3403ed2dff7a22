/// What `GET /v1/devices` answers: an object, so fields can be added later without
/// breaking clients that expect the top level to be a list.
public struct DeviceList: Codable, Sendable, Equatable {
    public var devices: [DeviceSummary]

    public init(devices: [DeviceSummary]) {
        self.devices = devices
    }
}
