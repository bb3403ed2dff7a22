import EnrollCore
import EventLog
import Logging

/// Every reader and camera the daemon knows of. It enumerates its sources at start-up,
/// then follows their plug, unplug and health changes, logging each as a catalogued event
/// so a technician can follow one device's history in the journal.
public actor DeviceRegistry {
    private let sources: [any DeviceSource]
    private var devices: [String: DeviceSummary] = [:]
    private var metrics = DeviceMetrics()
    private var watchers: [Int: AsyncStream<DeviceSummary>.Continuation] = [:]
    private var nextWatcher = 0
    private let logger: Logger

    public init(sources: [any DeviceSource], logger: Logger) {
        self.sources = sources
        self.logger = logger
    }

    /// Asks each source for its devices. A source that fails leaves its devices out and is
    /// logged; the daemon still starts, so a technician can reach it to see why.
    public func enumerate() async {
        defer { metrics.record(Array(devices.values)) }
        for source in sources {
            do {
                for device in try await source.enumerate() { apply(.added(device)) }
            } catch {
                logger.warning("device enumeration failed", metadata: ["device.source": "\(source.name)", LogKey.error: "\(error)"])
            }
        }
    }

    /// Follows every source's changes until they finish or the task is cancelled.
    public func followChanges() async {
        await withTaskGroup(of: Void.self) { group in
            for source in sources {
                group.addTask {
                    for await change in source.changes() { await self.apply(change) }
                }
            }
        }
    }

    /// Records a change, logs it and updates the device gauges.
    public func apply(_ change: DeviceChange) {
        defer { metrics.record(Array(devices.values)) }
        switch change {
        case .added(let device):
            devices[device.id] = device
            logger.log(.deviceAdded, "\(device.kind.rawValue) \(device.name) is \(device.health.rawValue)", metadata: fields(device))
            notify(device)
        case .updated(let device):
            let previous = devices.updateValue(device, forKey: device.id)
            // ready ⇄ busy is every capture: the journal records only what a technician may act on.
            let routine: Set<DeviceSummary.Health> = [.ready, .busy]
            if let previous, previous.health != device.health, !(routine.contains(previous.health) && routine.contains(device.health)) {
                logger.log(.deviceHealthChanged, "\(device.kind.rawValue) \(device.name): \(previous.health.rawValue) → \(device.health.rawValue)",
                           metadata: fields(device))
                notify(device)
            }
        case .removed(let id):
            guard var device = devices.removeValue(forKey: id) else { return }
            logger.log(.deviceRemoved, "\(device.kind.rawValue) \(device.name) was removed", metadata: fields(device))
            device.health = .removed
            notify(device)
        }
    }

    /// Devices as they come, go, fail or recover (not the routine ready ⇄ busy of every
    /// capture), for the live screen; the stream ends when the caller stops listening.
    public func healthChanges() -> AsyncStream<DeviceSummary> {
        let (stream, continuation) = AsyncStream<DeviceSummary>.makeStream(bufferingPolicy: .bufferingNewest(16))
        nextWatcher += 1
        let id = nextWatcher
        watchers[id] = continuation
        continuation.onTermination = { _ in Task { await self.stopWatching(id) } }
        return stream
    }

    private func stopWatching(_ id: Int) {
        watchers[id] = nil
    }

    private func notify(_ device: DeviceSummary) {
        for watcher in watchers.values { watcher.yield(device) }
    }

    /// All devices, readers first, then by id.
    public var all: [DeviceSummary] {
        devices.values.sorted { lhs, rhs in
            lhs.kind == rhs.kind ? lhs.id < rhs.id : lhs.kind == .fingerprintReader
        }
    }

    private func fields(_ device: DeviceSummary) -> Logger.Metadata {
        var metadata: Logger.Metadata = [LogKey.device: "\(device.id)", "device.health": "\(device.health.rawValue)"]
        if let driver = device.driver { metadata["device.driver"] = "\(driver)" }
        return metadata
    }
}
