import ControlAPI
import EnrollCore
import Logging
import ServiceLifecycle
import Systemd

extension Daemon {
    /// The long-running services in start order; the group stops them in reverse, so the
    /// notify service (last) is the first to hear of shut-down.
    static func serviceList(
        configuration: DaemonConfiguration, environment: [String: String], gate: ReadinessGate, phase: DaemonPhase,
        devices: DeviceParts, records: RecordKeeper, listeners: [ControlListeners.Listener], logger: Logger
    ) -> [ServiceGroupConfiguration.ServiceConfiguration] {
        let notifier = SystemdNotifier(environment: environment, logger: Logger(label: "enrolld.systemd"))
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: DeviceRegistryService(registry: devices.registry, gate: gate)),
            .init(service: RetentionService(keeper: records, period: .seconds(600), auditRetentionMilliseconds: configuration.storage.auditRetentionMilliseconds,
                                            logger: Logger(label: "enrolld.records"))),
        ]
        services += listeners.map { .init(service: $0.service) }
        if let period = WatchdogInterval.fromEnvironment(environment) {
            services.append(.init(service: WatchdogService(
                period: period, probes: listeners.map { $0.probe as any LivenessProbe }, notifier: notifier,
                logger: Logger(label: "enrolld.watchdog"))))
        }
        let summary = startupSummary(api: configuration.api, devices: devices.registry)
        services.append(.init(service: NotifyService(gate: gate, notifier: notifier, phase: phase, summary: summary, logger: logger)))
        return services
    }

    /// The sentence for `STATUS=` and the start entry: where the API answers, what is attached.
    static func startupSummary(api: DaemonConfiguration.API, devices: DeviceRegistry) -> @Sendable () async -> String {
        {
            let all = await devices.all
            let readers = all.filter { $0.kind == .fingerprintReader }.count
            let cameras = all.filter { $0.kind == .camera }.count
            var listening = "API on \(api.socketPath)"
            if api.httpEnabled {
                let host = api.httpHost.contains(":") ? "[\(api.httpHost)]" : api.httpHost
                listening += ", kiosk UI on http://\(host):\(api.httpPort)/"
            }
            return "Ready: \(listening); \(readers) reader(s), \(cameras) camera(s)"
        }
    }
}
