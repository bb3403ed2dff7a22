/// Finds the device a TLS client key belongs to.
public protocol DeviceLookup: Sendable {
    func device(clientKeyHash: [UInt8]) -> RegisteredDevices.Device?
}
