import EnrollCore
import EventLog
import Foundation
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
    private var churn: DeviceChurn
    /// Monotonic milliseconds (plug events are counted over minutes, whatever the wall clock does).
    private let now: @Sendable () -> Int64

    public init(sources: [any DeviceSource], logger: Logger, churn: DeviceChurn = DeviceChurn(),
                now: @escaping @Sendable () -> Int64 = { Int64(ProcessInfo.processInfo.systemUptime * 1000) }) {
        self.sources = sources
        self.logger = logger
        self.churn = churn
        self.now = now
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
            journal(.deviceAdded, "\(device.kind.rawValue) \(device.name) is \(device.health.rawValue)", device: device, removal: false)
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
            metrics.countRemoval(device.kind)
            journal(.deviceRemoved, "\(device.kind.rawValue) \(device.name) was removed", device: device, removal: true)
            device.health = .removed
            notify(device)
        }
    }

    /// A plug event in the journal, unless the device keeps coming and going: then one
    /// warning, and a summary every `churn.window` for as long as it goes on.
    private func journal(_ event: CatalogEvent, _ message: String, device: DeviceSummary, removal: Bool) {
        switch churn.note(id: device.id, removal: removal, at: now()) {
        case .journal:
            logger.log(event, "\(message)", metadata: fields(device))
        case .journalAndWarn(let removals):
            logger.log(event, "\(message)", metadata: fields(device))
            var metadata = fields(device)
            metadata["device.removals"] = "\(removals)"
            let period = Self.minutes(churn.window)
            let warning = "\(device.kind.rawValue) \(device.name) was unplugged \(removals) times in \(period): check its cable, "
                + "the USB port and any hub; its plug events are summarised every \(period) from now on"
            logger.log(.deviceFlapping, "\(warning)", metadata: metadata)
            scheduleSummary(device)
        case .hold:
            logger.debug("\(message) (held for the churn summary)", metadata: fields(device))
        }
    }

    private func scheduleSummary(_ device: DeviceSummary) {
        let delay = Duration.milliseconds(churn.window)
        Task { [weak self] in
            try? await Task.sleep(for: delay)
            await self?.summariseChurn(device)
        }
    }

    /// Ends one summary period of a churning device (the timer calls it; tests may too).
    func summariseChurn(_ device: DeviceSummary) {
        guard let summary = churn.summarise(id: device.id, at: now()) else { return }
        var current = devices[device.id] ?? device
        if devices[device.id] == nil { current.health = .removed }
        var metadata = fields(current)
        metadata["device.held_events"] = "\(summary.heldEvents)"
        let name = "\(device.kind.rawValue) \(device.name)", period = Self.minutes(churn.window), state = current.health.rawValue
        let message = switch (summary.heldEvents, summary.stillChurning) {
        case (0, false): "\(name) stayed put for the last \(period); it is \(state) now; its plug events are journalled one by one again"
        case (let held, false): "\(name) came or went \(held) more times in the last \(period); it is \(state) now, settled; its plug events are journalled one by one again"
        case (let held, true): "\(name) came or went \(held) more times in the last \(period); it is \(state) now, still coming and going"
        }
        logger.log(.deviceFlapping, "\(message)", metadata: metadata)
        if summary.stillChurning { scheduleSummary(device) }
    }

    private static func minutes(_ milliseconds: Int64) -> String {
        milliseconds >= 60_000 ? "\(milliseconds / 60_000) minutes" : "\(milliseconds / 1000) seconds"
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
