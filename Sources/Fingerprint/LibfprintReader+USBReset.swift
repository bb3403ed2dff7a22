import EnrollCore
import EventLog
import Logging

/// Self-healing: a USB reader that keeps failing is closed, reset at USB level and opened
/// again before it is given up, as a technician unplugging it would do. Technicians can
/// ask for the same with `enrollctl reader reset`.
extension LibfprintReader {
    /// After `failuresBeforeFailed` device failures in a row (health is still busy).
    func recover(at location: USBLocation, after error: ReaderError) async {
        let failures = deviceFailures
        if let problem = await resetAndReopen(at: location, because: "it failed \(failures) times in a row (\(error))") {
            logger.log(.readerFailed, "\(identity.name) failed \(failures) times in a row: \(error); a USB reset did not help: \(problem)",
                       metadata: metadata(location, [LogKey.error: "\(error)"]))
            setHealth(.failed)
        } else {
            deviceFailures = 0
            setHealth(.ready)
        }
    }

    /// A technician's reset: allowed on a ready, cooling or failed reader, never while an
    /// operation runs.
    public func resetAtUSBLevel() async throws(ReaderError) -> USBLocation {
        guard let usbLocation = resetLocation else { throw .notSupported("\(identity.name) is not on USB; only USB readers can be reset") }
        switch health {
        case .removed: throw .removed()
        case .busy: throw .busy()
        case .ready, .cooling, .failed: break
        }
        guard current == nil else { throw .busy() }
        setHealth(.busy)
        if let problem = await resetAndReopen(at: usbLocation, because: "a technician asked for it") {
            logger.log(.readerFailed, "\(identity.name) did not come back from a USB reset: \(problem)",
                       metadata: metadata(usbLocation, [LogKey.error: "\(problem)"]))
            setHealth(.failed)
            throw .device("the reset did not help: \(problem)")
        }
        deviceFailures = 0
        setHealth(.ready)
        return usbLocation
    }

    /// Close → reset → open. Returns nil when the reader is open again, or what went wrong.
    private func resetAndReopen(at location: USBLocation, because reason: String) async -> String? {
        logger.log(.readerResetting, "Resetting \(identity.name) at USB level (\(location)): \(reason)", metadata: metadata(location))
        await close()
        var problem: String?
        do {
            try await usbReset.reset(location)
        } catch {
            problem = "the USB reset failed: \(error)"
        }
        // Open again even after a failed reset: the reader may still work, and a closed
        // reader is of no use to anyone.
        do {
            try await open()
        } catch {
            return (problem.map { $0 + "; " } ?? "") + "it did not open again: \(error)"
        }
        if let problem { return problem }
        logger.log(.readerRecovered, "\(identity.name) works again after a USB reset (\(location))", metadata: metadata(location))
        return nil
    }

    private func metadata(_ location: USBLocation, _ extra: Logger.Metadata = [:]) -> Logger.Metadata {
        extra.merging(["device.driver": "\(identity.driver)", "usb": "\(location)"]) { $1 }
    }
}
