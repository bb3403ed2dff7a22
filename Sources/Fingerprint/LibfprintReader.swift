import CFPrint
import CLibusb
import EnrollCore
import EventLog
import Logging

/// One libfprint device. The actor runs on the GLib thread (its executor is
/// `GLibMainLoop`), so every `fp_*` call it makes is on the thread libfprint expects, and
/// it runs one operation at a time: a second one fails with `ReaderError.busy` at once
/// instead of reaching libfprint.
public actor LibfprintReader: FingerprintReader {
    public nonisolated var unownedExecutor: UnownedSerialExecutor { GLibMainLoop.shared.asUnownedSerialExecutor() }

    public nonisolated let identity: ReaderIdentity
    /// Where the reader is on USB; nil for virtual and SPI readers, which cannot be reset.
    public nonisolated let usbLocation: USBLocation?
    /// Resets the reader's USB port when it keeps failing (libusb; replaced only in tests).
    var usbReset: any USBResetting = LibusbReset()
    /// How long to wait for a finger each time the reader asks for one.
    public nonisolated let fingerTimeout: Duration
    /// The least rest after "too hot" before the reader is tried again (see `LibfprintReader+Cooling`).
    public nonisolated let coolDown: Duration
    nonisolated(unsafe) let device: UnsafeMutablePointer<FpDevice>
    let logger: Logger
    private let healthChanged: @Sendable (DeviceSummary.Health) -> Void

    public private(set) var health: DeviceSummary.Health = .ready
    var current: Operation?
    private var nextOperation = 0
    private var signals: [gulong] = []
    /// Consecutive failures of the device itself; a run of them resets a USB reader, and
    /// marks it failed if that does not help.
    var deviceFailures = 0
    /// Removed while an operation ran: close once it has ended.
    private var closeWhenIdle = false
    /// Where a run of failures resets the reader: its USB location (tests may point it elsewhere).
    var resetLocation: USBLocation?
    /// Ends a cooling rest (see `LibfprintReader+Cooling`).
    var coolingTimer: Task<Void, Never>?
    /// Presenters waiting for the reader to take a finger (see `LibfprintReader+FingerHandover`).
    var fingerHandover = FingerHandover()
    static let failuresBeforeFailed = 3

    init(device reference: GObjectRef<FpDevice>, fingerTimeout: Duration, coolDown: Duration, logger: Logger,
         healthChanged: @escaping @Sendable (DeviceSummary.Health) -> Void) {
        let device = reference.pointer
        g_object_ref(device)
        self.device = device
        self.fingerTimeout = fingerTimeout
        self.coolDown = coolDown
        self.healthChanged = healthChanged
        let scan: ReaderIdentity.ScanType = fp_device_get_scan_type(device) == FP_SCAN_TYPE_SWIPE ? .swipe : .press
        identity = ReaderIdentity(
            driver: String(cString: fp_device_get_driver(device)),
            deviceID: String(cString: fp_device_get_device_id(device)),
            name: String(cString: fp_device_get_name(device)),
            scanType: scan)
        usbLocation = CFPrint_libusb_device(device).map { pointer in
            let usb = OpaquePointer(pointer)
            return USBLocation(bus: libusb_get_bus_number(usb), address: libusb_get_device_address(usb))
        }
        resetLocation = usbLocation
        var logger = logger
        logger[metadataKey: LogKey.device] = "\(identity.registryID)"
        self.logger = logger
    }

    isolated deinit {
        coolingTimer?.cancel()
        for id in signals { g_signal_handler_disconnect(device, id) }
        g_object_unref(device)
    }

    /// Whether the reader is waiting for a finger now (the demo and tests present one only then).
    public var isWaitingForFinger: Bool {
        fp_device_get_finger_status(device).rawValue & FP_FINGER_STATUS_NEEDED.rawValue != 0
    }

    public var enrollStages: Int { Int(fp_device_get_nr_enroll_stages(device)) }

    /// The summary the device registry shows.
    public var summary: DeviceSummary {
        DeviceSummary(id: identity.registryID, kind: .fingerprintReader, name: identity.name, driver: identity.driver, health: health)
    }

    /// Follows finger and temperature changes; call once after init.
    func attach() {
        let me = Unmanaged.passUnretained(self).toOpaque()
        let notify: CFPrint_NotifySignal = { _, _, data in
            let reader = Unmanaged<LibfprintReader>.fromOpaque(data!).takeUnretainedValue()
            reader.assumeIsolated { $0.deviceChanged() }
        }
        signals.append(CFPrint_connect_notify(device, "notify::finger-status", notify, me))
        signals.append(CFPrint_connect_notify(device, "notify::temperature", notify, me))
        signals.append(CFPrint_connect_notify(device, "notify::removed", notify, me))
    }

    /// Opens the device.
    func open() async throws(ReaderError) {
        let device = GObjectRef(pointer: self.device)
        let outcome: GLibError? = await GLibMainLoop.call(isolation: self, { callback, data in
            fp_device_open(device.pointer, nil, callback, data)
        }, finish: { result in
            var error: UnsafeMutablePointer<GError>?
            return fp_device_open_finish(device.pointer, result, &error) != 0 ? nil : error.map(GLibError.init(consuming:))
        })
        if let outcome {
            setHealth(.failed)
            throw outcome.readerError(timedOut: false)
        }
        logger.debug("reader opened", metadata: ["device.stages": "\(enrollStages)"])
    }

    /// Closes the device; errors are logged only (the device may be gone).
    func close() async {
        guard fp_device_is_open(device) != 0 else { return }
        let device = GObjectRef(pointer: self.device)
        let outcome: GLibError? = await GLibMainLoop.call(isolation: self, { callback, data in
            fp_device_close(device.pointer, nil, callback, data)
        }, finish: { result in
            var error: UnsafeMutablePointer<GError>?
            return fp_device_close_finish(device.pointer, result, &error) != 0 ? nil : error.map(GLibError.init(consuming:))
        })
        if let outcome { logger.debug("closing the reader failed", metadata: [LogKey.error: "\(outcome.message)"]) }
    }

    /// The device left the system: end what runs and refuse new work.
    func markRemoved() {
        current?.cancel.cancel()
        setHealth(.removed)
    }

    /// Tests only: forget a cooling or failed state that injected errors caused (libfprint
    /// will never end them; a real reader is re-plugged or cools down).
    func resetHealthForTesting() {
        if health == .cooling || health == .failed {
            coolingTimer?.cancel()
            deviceFailures = 0
            setHealth(.ready)
        }
    }

    public func cancel() {
        current?.cancel.cancel()
    }

    // MARK: Operations

    /// One running operation: its cancellable and its finger-wait timer.
    final class Operation: @unchecked Sendable {
        // @unchecked: created and used only by the reader, on the GLib thread; libfprint's
        // callbacks that reach it run there too.
        let id: Int
        let cancellable: UnsafeMutablePointer<GCancellable>
        let cancel: CancelHandle
        var timedOut = false
        var timer: Task<Void, Never>?
        var events: AsyncThrowingStream<EnrollEvent, any Error>.Continuation?
        /// A capture's listener for the finger's arrival (enrollments use `events`).
        var observer: (@Sendable (EnrollEvent) -> Void)?
        var lastFingerStatus: UInt32 = 0

        init(id: Int) {
            self.id = id
            cancellable = g_cancellable_new()
            cancel = CancelHandle(cancellable)
        }

        deinit {
            timer?.cancel()
            g_object_unref(cancellable)
        }
    }

    /// Starts an operation, or says why not.
    func begin() throws(ReaderError) -> Operation {
        switch health {
        case .removed: throw .removed()
        case .cooling: throw .tooHot()
        case .failed: throw .device("the reader has failed; see the journal")
        case .busy: throw .busy()
        case .ready: break
        }
        guard current == nil else { throw .busy() }
        nextOperation += 1
        let operation = Operation(id: nextOperation)
        current = operation
        setHealth(.busy)
        armFingerTimer()
        return operation
    }

    /// Ends `operation`, updating health from its outcome.
    func end(_ operation: Operation, _ error: ReaderError? = nil) {
        operation.timer?.cancel()
        operation.events = nil
        operation.observer = nil
        if current === operation { current = nil }
        fingerWaitEnded()
        if closeWhenIdle {
            closeWhenIdle = false
            Task { await close() }
        }
        guard health == .busy else { return }
        guard let error else {
            deviceFailures = 0
            setHealth(.ready)
            return
        }
        if error.isTooHot {
            startCooling()
        } else if error.isRemoved {
            setHealth(.removed)
        } else if error.isDeviceFailure {
            deviceFailures += 1
            if deviceFailures >= Self.failuresBeforeFailed, let resetLocation {
                // Stays busy while the port resets: nothing new starts meanwhile.
                Task { await self.recover(at: resetLocation, after: error) }
            } else if deviceFailures >= Self.failuresBeforeFailed {
                logger.log(.readerFailed, "\(identity.name) failed \(deviceFailures) times in a row: \(error); it is not on USB, so it cannot be reset",
                           metadata: ["device.driver": "\(identity.driver)", LogKey.error: "\(error)"])
                setHealth(.failed)
            } else {
                setHealth(.ready)
            }
        } else {
            setHealth(.ready)
        }
    }

    /// The error an operation ends with: on a reader that is gone, whatever libfprint said
    /// (often a time-out waiting for the device) means it was removed.
    func failure(_ error: GLibError, _ operation: Operation) -> ReaderError {
        if health == .removed || CFPrint_device_is_removed(device) != 0 { return .removed() }
        return error.readerError(timedOut: operation.timedOut)
    }

    func setHealth(_ new: DeviceSummary.Health) {
        guard new != health, health != .removed else { return }
        health = new
        healthChanged(new)
    }

    /// Arms (or re-arms) the time-out for the finger the reader waits for now.
    func armFingerTimer() {
        guard let operation = current else { return }
        operation.timer?.cancel()
        let id = operation.id
        let timeout = fingerTimeout
        operation.timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            guard !Task.isCancelled else { return }
            await self?.fingerTimeoutExpired(id)
        }
    }

    private func fingerTimeoutExpired(_ id: Int) {
        guard let operation = current, operation.id == id else { return }
        logger.debug("no finger in time; cancelling")
        operation.timedOut = true
        g_cancellable_cancel(operation.cancellable)
    }

    /// Finger status or temperature changed (a GObject notify on the GLib thread).
    private func deviceChanged() {
        if CFPrint_device_is_removed(device) != 0, health != .removed {
            // libfprint announces the context's "device-removed" only once the device is closed.
            logger.debug("reader removed; closing it once its operation has ended")
            markRemoved()
            // libfprint refuses to close a device that is still busy (the cancelled
            // operation ends in an idle callback), so close after `end`.
            if current == nil { Task { await close() } } else { closeWhenIdle = true }
            return
        }
        temperatureChanged()
        fingerStatusChanged()
        guard let operation = current else { return }
        let status = fp_device_get_finger_status(device).rawValue
        guard status != operation.lastFingerStatus else { return }
        operation.lastFingerStatus = status
        if status & FP_FINGER_STATUS_PRESENT.rawValue != 0 {
            operation.timer?.cancel()  // the finger came; no wait to time
            operation.events?.yield(.fingerPresent)
            operation.observer?(.fingerPresent)
        } else if status & FP_FINGER_STATUS_NEEDED.rawValue != 0 {
            armFingerTimer()
            operation.events?.yield(.fingerNeeded)
            operation.observer?(.fingerNeeded)
        }
    }
}
