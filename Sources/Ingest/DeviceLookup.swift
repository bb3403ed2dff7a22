/// Finds the device a TLS client key belongs to.
public protocol DeviceLookup: Sendable {
    func device(clientKeyHash: [UInt8]) -> RegisteredDevices.Device?
    /// Why the registrations cannot be trusted now (a registration file that no longer
    /// parses), nil when they can: then nobody is let in until it is mended.
    var unreadable: String? { get }
}

extension DeviceLookup {
    public var unreadable: String? { nil }
}
