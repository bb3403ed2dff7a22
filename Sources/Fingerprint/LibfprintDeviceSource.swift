import CFPrint
import EnrollCore
import Foundation
import Logging

/// The fingerprint readers libfprint sees, as a `DeviceSource` for the daemon's registry:
/// enumeration at start, then plug and unplug from the context's `device-added` and
/// `device-removed` signals, and each reader's health.
public final class LibfprintDeviceSource: DeviceSource {
    public let name = "libfprint"
    private let context: LibfprintContext
    private let stream: AsyncStream<DeviceChange>

    /// Settings that must be in place before libfprint's first enumeration.
    public struct Settings: Sendable {
        /// How long each wait for a finger may take.
        public var fingerTimeout: Duration = .seconds(30)
        /// The least rest of a reader that said "too hot" before it is tried again.
        public var coolDown: Duration = .seconds(120)
        /// Serve libfprint's `virtual_image` reader on this socket, and only it (demo, tests).
        public var virtualImageSocket: String?
        /// Tests: libfprint's `virtual_device` reader (text commands; it can simulate unplugging).
        public var virtualDeviceSocket: String?
        /// Tests: libfprint's `virtual_device_storage` reader (a match-on-chip reader with storage).
        public var virtualStorageSocket: String?

        public init(fingerTimeout: Duration = .seconds(30), coolDown: Duration = .seconds(120), virtualImageSocket: String? = nil,
                    virtualDeviceSocket: String? = nil, virtualStorageSocket: String? = nil) {
            self.fingerTimeout = fingerTimeout
            self.coolDown = coolDown
            self.virtualImageSocket = virtualImageSocket
            self.virtualDeviceSocket = virtualDeviceSocket
            self.virtualStorageSocket = virtualStorageSocket
        }
    }

    public init(settings: Settings, logger: Logger) {
        let (stream, changes) = AsyncStream<DeviceChange>.makeStream()
        self.stream = stream
        context = LibfprintContext(settings: settings, logger: logger, changes: changes)
    }

    public func enumerate() async throws -> [DeviceSummary] {
        try await context.start()
    }

    public func changes() -> AsyncStream<DeviceChange> { stream }

    /// The open readers now.
    public func readers() async -> [LibfprintReader] {
        await context.readers()
    }

    /// The reader with this registry id, if present.
    public func reader(id: String) async -> LibfprintReader? {
        await context.readers().first { $0.identity.registryID == id }
    }

    /// Closes every reader (shut-down).
    public func stop() async {
        await context.stop()
    }
}

/// The `FpContext` and its readers, on the GLib thread.
actor LibfprintContext {
    nonisolated var unownedExecutor: UnownedSerialExecutor { GLibMainLoop.shared.asUnownedSerialExecutor() }

    private let settings: LibfprintDeviceSource.Settings
    private let logger: Logger
    private let changes: AsyncStream<DeviceChange>.Continuation
    private var context: UnsafeMutablePointer<FpContext>?
    private var byDevice: [UnsafeMutablePointer<FpDevice>: LibfprintReader] = [:]
    private var started = false
    /// Set once the start-up enumeration is over: devices added after it are hot-plugs.
    private var enumerated = false

    init(settings: LibfprintDeviceSource.Settings, logger: Logger, changes: AsyncStream<DeviceChange>.Continuation) {
        self.settings = settings
        self.logger = logger
        self.changes = changes
    }

    func readers() -> [LibfprintReader] {
        byDevice.values.sorted { $0.identity.registryID < $1.identity.registryID }
    }

    /// Creates the context, enumerates, opens every reader.
    func start() async throws -> [DeviceSummary] {
        guard !started else { return await summaries() }
        started = true
        if let socket = settings.virtualImageSocket {
            // libfprint reads these at its first enumeration, nowhere else.
            unsetenv("FP_VIRTUAL_DEVICE")
            unsetenv("FP_VIRTUAL_DEVICE_STORAGE")
            setenv("FP_VIRTUAL_IMAGE", socket, 1)
            setenv("FP_DRIVERS_WHITELIST", "virtual_image", 1)
        } else if let socket = settings.virtualStorageSocket {
            unsetenv("FP_VIRTUAL_IMAGE")
            unsetenv("FP_VIRTUAL_DEVICE")
            setenv("FP_VIRTUAL_DEVICE_STORAGE", socket, 1)
            setenv("FP_DRIVERS_WHITELIST", "virtual_device_storage", 1)
        } else if let socket = settings.virtualDeviceSocket {
            unsetenv("FP_VIRTUAL_IMAGE")
            unsetenv("FP_VIRTUAL_DEVICE_STORAGE")
            setenv("FP_VIRTUAL_DEVICE", socket, 1)
            setenv("FP_DRIVERS_WHITELIST", "virtual_device", 1)
        }
        let context = fp_context_new()!
        self.context = context
        let me = Unmanaged.passUnretained(self).toOpaque()
        let added: CFPrint_ContextDeviceSignal = { _, device, data in
            let context = Unmanaged<LibfprintContext>.fromOpaque(data!).takeUnretainedValue()
            let device = GObjectRef(pointer: device!)
            context.assumeIsolated { $0.deviceAdded(device.pointer) }
        }
        let removed: CFPrint_ContextDeviceSignal = { _, device, data in
            let context = Unmanaged<LibfprintContext>.fromOpaque(data!).takeUnretainedValue()
            let device = GObjectRef(pointer: device!)
            context.assumeIsolated { $0.deviceRemoved(device.pointer) }
        }
        // The context lives as long as the process (this actor is never released while the
        // daemon runs), so the unretained pointer stays valid for the signals' lifetime.
        _ = CFPrint_connect_context_device(context, "device-added", added, me)
        _ = CFPrint_connect_context_device(context, "device-removed", removed, me)
        // Iterates the default context until every device is initialised; on this thread
        // that is a nested iteration, which GLib allows.
        fp_context_enumerate(context)
        enumerated = true
        if let devices = fp_context_get_devices(context) {
            for index in 0..<devices.pointee.len {
                let device = CFPrint_ptr_array_index(devices, index)!.assumingMemoryBound(to: FpDevice.self)
                if byDevice[device] == nil { byDevice[device] = makeReader(device) }
            }
        }
        for reader in byDevice.values {
            do {
                try await reader.open()
            } catch {
                logger.warning("a fingerprint reader could not be opened", metadata: [
                    "device.id": "\(reader.identity.registryID)", "error": "\(error)"])
            }
        }
        return await summaries()
    }

    func stop() async {
        for reader in byDevice.values { await reader.close() }
    }

    private func summaries() async -> [DeviceSummary] {
        var result: [DeviceSummary] = []
        for reader in byDevice.values.sorted(by: { $0.identity.registryID < $1.identity.registryID }) { result.append(await reader.summary) }
        return result
    }

    private func makeReader(_ device: UnsafeMutablePointer<FpDevice>) -> LibfprintReader {
        let changes = self.changes
        let box = ReaderBox()
        let reader = LibfprintReader(device: GObjectRef(pointer: device), fingerTimeout: settings.fingerTimeout, coolDown: settings.coolDown,
                                      logger: logger) { health in
            // A removal reaches the registry as `.removed`; an update after it would re-add the reader.
            guard health != .removed, let reader = box.reader else { return }
            Task {
                let summary = await reader.summary
                if summary.health != .removed { changes.yield(.updated(summary)) }
            }
        }
        box.reader = reader
        reader.assumeIsolated { $0.attach() }
        return reader
    }

    /// A reader appeared after start-up (hot-plug), or during enumeration.
    private func deviceAdded(_ device: UnsafeMutablePointer<FpDevice>) {
        // During the start-up enumeration `start()` picks devices up itself.
        guard enumerated, byDevice[device] == nil else { return }
        let reader = makeReader(device)
        byDevice[device] = reader
        logger.debug("reader plugged in", metadata: ["device.id": "\(reader.identity.registryID)"])
        let changes = self.changes
        Task {
            do { try await reader.open() } catch {}
            changes.yield(.added(await reader.summary))
        }
    }

    private func deviceRemoved(_ device: UnsafeMutablePointer<FpDevice>) {
        guard let reader = byDevice.removeValue(forKey: device) else { return }
        reader.assumeIsolated { $0.markRemoved() }
        changes.yield(.removed(id: reader.identity.registryID))
    }
}

/// Lets a reader's health callback find its reader after init.
private final class ReaderBox: @unchecked Sendable {
    // @unchecked: written once on the GLib thread before any callback can run, read after.
    var reader: LibfprintReader?
}
