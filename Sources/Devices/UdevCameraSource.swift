#if canImport(Glibc)
import Glibc
#endif
import CUdev
import EnrollCore
import Foundation
import Logging

/// Cameras as udev sees them: enumerated at start-up, then followed by a udev monitor
/// (plug, unplug) on a dedicated thread, feeding the daemon's device registry.
public final class UdevCameraSource: DeviceSource {
    public let name = "v4l2"
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    public func enumerate() async throws -> [DeviceSummary] {
        guard let udev = Udev() else { throw UdevError("udev_new failed") }
        return udev.videoNodes().filter(\.isCapture).map { $0.summary() }
    }

    public func changes() -> AsyncStream<DeviceChange> {
        let (stream, continuation) = AsyncStream<DeviceChange>.makeStream()
        let monitor = UdevMonitorThread(continuation: continuation, logger: logger)
        continuation.onTermination = { _ in monitor.requestStop() }
        monitor.start()
        return stream
    }
}

/// A udev failure.
public struct UdevError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Blocks in poll on the udev monitor's netlink socket and on an eventfd that asks it to
/// stop, so the shared pool never waits for udev.
///
/// `@unchecked Sendable`: the udev objects are created and used on the thread only; from
/// other threads only `requestStop` is called, which writes to the eventfd.
private final class UdevMonitorThread: @unchecked Sendable {
    private let continuation: AsyncStream<DeviceChange>.Continuation
    private let logger: Logger
    /// A pipe: the thread polls the read end, `requestStop` writes to the other.
    private let wakeFD: Int32
    private let wakeWriteFD: Int32

    init(continuation: AsyncStream<DeviceChange>.Continuation, logger: Logger) {
        self.continuation = continuation
        self.logger = logger
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 { for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) } }
        (wakeFD, wakeWriteFD) = (ends[0], ends[1])
    }

    deinit {
        if wakeFD >= 0 { close(wakeFD) }
        if wakeWriteFD >= 0 { close(wakeWriteFD) }
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "enrolld-udev"
        thread.start()
    }

    func requestStop() {
        var one: UInt8 = 1
        _ = write(wakeWriteFD, &one, 1)
    }

    private func run() {
        defer { continuation.finish() }
        guard wakeFD >= 0, let udev = Udev(), let monitor = udev_monitor_new_from_netlink(udev.context, "udev") else {
            logger.warning("cannot follow camera hot-plug: no udev monitor", metadata: ["device.source": "v4l2"])
            return
        }
        defer { udev_monitor_unref(monitor) }
        udev_monitor_filter_add_match_subsystem_devtype(monitor, "video4linux", nil)
        guard udev_monitor_enable_receiving(monitor) >= 0 else {
            logger.warning("cannot follow camera hot-plug: udev monitor not receiving", metadata: ["device.source": "v4l2"])
            return
        }
        let monitorFD = udev_monitor_get_fd(monitor)
        var known: [String: String] = [:]  // devnode → stable id, for removals
        for node in udev.videoNodes() where node.isCapture { known[node.devnode] = node.stableID }
        while true {
            var fds = [pollfd(fd: monitorFD, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
            let ready = fds.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), -1) }
            if ready < 0 {
                if errno == EINTR { continue }
                logger.warning("udev monitor poll failed", metadata: ["device.source": "v4l2", "error.errno": "\(errno)"])
                return
            }
            if fds[1].revents != 0 { return }
            guard let device = udev_monitor_receive_device(monitor) else { continue }
            defer { udev_device_unref(device) }
            let action = udev_device_get_action(device).map { String(cString: $0) } ?? ""
            guard let node = Udev.node(device) else { continue }
            switch action {
            case "add", "bind":
                guard node.isCapture else { continue }
                known[node.devnode] = node.stableID
                continuation.yield(.added(node.summary()))
            case "change":
                guard node.isCapture else { continue }
                continuation.yield(.updated(node.summary()))
            case "remove":
                if let id = known.removeValue(forKey: node.devnode) { continuation.yield(.removed(id: id)) }
            default:
                continue
            }
        }
    }
}
