/// Where a reader sits on USB: the bus number and the device address the kernel gave it
/// (`/dev/bus/usb/BBB/DDD`). It names the reader for a USB reset and for a technician
/// looking at `lsusb`; it changes when the reader is re-plugged.
public struct USBLocation: Sendable, Hashable, CustomStringConvertible {
    public let bus: UInt8
    public let address: UInt8

    public init(bus: UInt8, address: UInt8) {
        self.bus = bus
        self.address = address
    }

    /// As `lsusb` prints it: "bus 003 device 004".
    public var description: String {
        "bus \(Self.threeDigits(bus)) device \(Self.threeDigits(address))"
    }

    private static func threeDigits(_ value: UInt8) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}
