import EnrollCore
import Logging
import ServiceLifecycle

/// Every reader and camera the daemon knows of. It enumerates its sources at start-up and
/// reaches the `devices` milestone; hot-plug sources update it as devices come and go.
public actor DeviceRegistry {
    private let sources: [any DeviceSource]
    private var devices: [String: DeviceSummary] = [:]
    private let logger: Logger

    public init(sources: [any DeviceSource], logger: Logger) {
        self.sources = sources
        self.logger = logger
    }

    /// Asks each source for its devices. A source that fails leaves its devices out and is
    /// logged; the daemon still starts, so a technician can reach it to see why.
    public func enumerate() async {
        for source in sources {
            do {
                for device in try await source.enumerate() { devices[device.id] = device }
            } catch {
                logger.warning("device enumeration failed", metadata: ["device.source": "\(source.name)", "error": "\(error)"])
            }
        }
    }

    /// Adds or updates a device (hot-plug, health change).
    public func update(_ device: DeviceSummary) { devices[device.id] = device }

    /// Removes an unplugged device.
    public func remove(id: String) { devices[id] = nil }

    /// All devices, readers first, then by id.
    public var all: [DeviceSummary] {
        devices.values.sorted { ($0.kind.rawValue, $0.id) < ($1.kind.rawValue, $1.id) }
    }
}

/// Runs the registry's start-up enumeration as part of the service group.
struct DeviceRegistryService: Service {
    let registry: DeviceRegistry
    let gate: ReadinessGate

    func run() async throws {
        await registry.enumerate()
        await gate.reached(Milestone.devices)
        try? await gracefulShutdown()
    }
}
