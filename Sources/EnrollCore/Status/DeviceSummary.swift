/// One reader or camera as the status and device list show it.
public struct DeviceSummary: Codable, Sendable, Equatable {
    /// Fingerprint reader or camera.
    public enum Kind: String, Codable, Sendable {
        case fingerprintReader = "fingerprint_reader"
        case camera
    }

    /// Whether the device can take work now.
    public enum Health: String, Codable, Sendable {
        case ready, busy, cooling, removed, failed
    }

    /// A stable id (udev path or driver + device id), never a person's.
    public var id: String
    public var kind: Kind
    /// The name the driver reports, for technicians.
    public var name: String
    /// The driver behind it (`elan`, `uvcvideo`), when known.
    public var driver: String?
    public var health: Health

    public init(id: String, kind: Kind, name: String, driver: String? = nil, health: Health) {
        self.id = id
        self.kind = kind
        self.name = name
        self.driver = driver
        self.health = health
    }
}
