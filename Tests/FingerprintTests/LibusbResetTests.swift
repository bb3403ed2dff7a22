import Fingerprint
import Testing

/// The real libusb on this machine: a port that does not exist is an error naming it,
/// never a crash or a reset of some other device. (The reset of a present reader runs
/// under umockdev in RecordedReaderReplayTests.)
@Suite struct LibusbResetTests {
    @Test func aLocationWithNoDeviceIsRefusedWithItsName() async {
        let nowhere = USBLocation(bus: 255, address: 254)
        await #expect {
            try await LibusbReset().reset(nowhere)
        } throws: { error in
            let text = "\(error)"
            // Without any USB (a container) libusb may not start at all; both are refusals.
            return error is USBResetError && (text.contains("bus 255 device 254") || text.contains("libusb could not"))
        }
    }

    @Test func locationsPrintAsLsusbDoes() {
        #expect(USBLocation(bus: 3, address: 4).description == "bus 003 device 004")
        #expect(USBLocation(bus: 255, address: 127).description == "bus 255 device 127")
    }
}
