import CLibusb
import Foundation

/// Resets a USB device, as unplugging and re-plugging it would, without anyone touching it.
public protocol USBResetting: Sendable {
    func reset(_ location: USBLocation) async throws(USBResetError)
}

/// Why a USB reset did not happen.
public struct USBResetError: Error, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// `libusb_reset_device` on the device at a bus and address, in a libusb context of its
/// own (libfprint's is private). The reader must be closed in libfprint first, so no
/// interface is claimed while the port resets.
public struct LibusbReset: USBResetting {
    public init() {}

    /// libusb blocks for the whole reset (the hub re-enumerates the port): it runs on a
    /// thread of its own, never on the GLib thread or the cooperative pool.
    public func reset(_ location: USBLocation) async throws(USBResetError) {
        let outcome: USBResetError? = await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: Self.resetBlocking(location)) }
            thread.name = "enrolld-usb-reset"
            thread.start()
        }
        if let outcome { throw outcome }
    }

    static func resetBlocking(_ location: USBLocation) -> USBResetError? {
        var context: OpaquePointer?
        let initialised = libusb_init(&context)
        guard initialised == 0 else { return USBResetError("libusb could not start: \(name(initialised))") }
        defer { libusb_exit(context) }

        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(context, &list)
        guard count >= 0, let list else { return USBResetError("libusb could not list USB devices: \(name(Int32(count)))") }
        defer { libusb_free_device_list(list, 1) }

        for index in 0..<count {
            guard let device = list[index],
                  libusb_get_bus_number(device) == location.bus, libusb_get_device_address(device) == location.address
            else { continue }
            var handle: OpaquePointer?
            let opened = libusb_open(device, &handle)
            guard opened == 0, let handle else { return USBResetError("cannot open the device at \(location): \(name(opened))") }
            defer { libusb_close(handle) }
            let reset = libusb_reset_device(handle)
            // NOT_FOUND after a reset: the device came back with new descriptors and is
            // enumerated afresh; libfprint then reports it as a new reader.
            guard reset == 0 || reset == LIBUSB_ERROR_NOT_FOUND.rawValue else {
                return USBResetError("the reset of the device at \(location) failed: \(name(reset))")
            }
            return nil
        }
        return USBResetError("no USB device at \(location)")
    }

    private static func name(_ code: Int32) -> String {
        String(cString: libusb_error_name(code))
    }
}
