/// What `POST /v1/readers/reset` answers: the reader was reset at USB level and opened
/// again. A reset that did not help is an error answer, not a report.
public struct ReaderResetReport: Codable, Sendable, Equatable {
    public var deviceID: String
    public var driver: String
    public var name: String
    /// The port as `lsusb` prints it: "bus 003 device 004".
    public var usb: String
    public var health: DeviceSummary.Health

    public init(deviceID: String, driver: String, name: String, usb: String, health: DeviceSummary.Health) {
        self.deviceID = deviceID
        self.driver = driver
        self.name = name
        self.usb = usb
        self.health = health
    }
}
