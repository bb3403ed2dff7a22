/// Which reader made a capture: what a technician and a record need to know about it.
public struct ReaderIdentity: Codable, Sendable, Equatable, Hashable {
    /// How the finger meets the sensor.
    public enum ScanType: String, Codable, Sendable {
        case press, swipe
    }

    /// The libfprint driver (`elan`, `virtual_image`).
    public var driver: String
    /// The driver's id for this device (USB bus and port, or a virtual device's path).
    public var deviceID: String
    /// The reader's name as the driver reports it.
    public var name: String
    public var scanType: ScanType

    public init(driver: String, deviceID: String, name: String, scanType: ScanType) {
        self.driver = driver
        self.deviceID = deviceID
        self.name = name
        self.scanType = scanType
    }

    /// The id the device registry and the API use: stable across re-plugs into the same port.
    public var registryID: String { "\(driver):\(deviceID)" }
}

/// A capture together with the reader that made it.
public struct Capture: Sendable, Equatable {
    public var image: FingerprintImage
    public var reader: ReaderIdentity

    public init(image: FingerprintImage, reader: ReaderIdentity) {
        self.image = image
        self.reader = reader
    }
}
