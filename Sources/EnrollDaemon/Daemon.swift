#if canImport(Glibc)
import Glibc
#endif
import ControlAPI
import Devices
import EnrollCore
import EventLog
import Fingerprint
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import Synchronization
import Systemd
import UnixSignals

/// The composition root: builds every part from the configuration, runs them in one
/// service group, and turns the outcome into an exit status.
public enum Daemon {
    /// Exit statuses systemd and technicians can tell apart (`RestartPreventExitStatus=`).
    public enum ExitStatus {
        public static let success: Int32 = 0
        public static let failure: Int32 = 1
        /// sysexits.h `EX_CONFIG`: restarting will not help until the file is fixed.
        public static let configuration: Int32 = 78
    }

    /// Runs until SIGTERM or SIGINT; returns the process exit status.
    public static func run(
        configuration: DaemonConfiguration,
        source: ConfigurationLoader.Source,
        environment: [String: String]
    ) async -> Int32 {
        let logger = Logger(label: "enrolld")
        if case .defaults(let missing) = source {
            logger.log(.configurationMissing, "No configuration file at \(missing); using built-in defaults", metadata: [LogKey.path: "\(missing)"])
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        // An inventory line for fleet dashboards: which version each kiosk runs.
        Gauge(label: "enrolld_build_info", dimensions: [("version", EnrollVersion.current)]).record(1)

        let state: StateDirectory
        do {
            state = try StateDirectory(path: configuration.daemon.stateDirectory)
            try FileManager.default.createDirectory(
                atPath: configuration.daemon.runtimeDirectory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o750])
        } catch {
            logger.log(.stateDirectoryUnavailable, "Cannot use the state directory: \(error)", metadata: [
                LogKey.path: "\(configuration.daemon.stateDirectory)", LogKey.error: "\(error)",
            ])
            return ExitStatus.failure
        }

        let api = configuration.api
        var milestones: Set<String> = [Milestone.storage, Milestone.devices, Milestone.apiSocket]
        if api.httpEnabled { milestones.insert(Milestone.apiHTTP) }
        let gate = ReadinessGate(milestones: milestones)
        // Keys and the outbox: a damaged or unopenable store is logged and leaves the kiosk
        // refusing capture, but the daemon still starts so the technician can see why.
        let records = RecordKeeper.open(directory: state.path, configuration: configuration, logger: Logger(label: "enrolld.records"))
        await gate.reached(Milestone.storage)

        let phase = DaemonPhase()
        let fingerprint = configuration.fingerprint
        let virtualSocket = fingerprint.virtualImageSocket.isEmpty ? nil : fingerprint.virtualImageSocket
        let readers = LibfprintDeviceSource(
            settings: .init(fingerTimeout: .seconds(fingerprint.fingerTimeoutSeconds), virtualImageSocket: virtualSocket),
            logger: Logger(label: "enrolld.fingerprint"))
        let cameraSource = UdevCameraSource(logger: Logger(label: "enrolld.devices"))
        var deviceSources: [any DeviceSource] = [readers, cameraSource]
        if environment["ENROLLD_VIRTUAL_CAMERA"] == "1" { deviceSources.append(VirtualCameraSource(real: cameraSource)) }
        let devices = DeviceRegistry(sources: deviceSources, logger: Logger(label: "enrolld.devices"))
        let status = DaemonStatusSource(started: .now, phase: phase, registry: devices, records: records)
        let router = ControlRouter(
            status: status, metrics: MetricsEndpoint(registry: registry), records: RecordsSource(keeper: records),
            readers: FingerprintReaderOperations(source: readers, virtualImageSocket: virtualSocket))
            .adding(cameras: CameraTestRunner(registry: devices, policy: configuration.camera.formatPolicy, logger: Logger(label: "enrolld.camera")))
        let outcome = GroupOutcome()

        let settings = ListenerSettings(
            socketPath: api.socketPath, socketMode: api.socketMode, socketGroup: api.socketGroup,
            http: api.httpEnabled ? (api.httpHost, api.httpPort) : nil)
        let listeners: [ControlListeners.Listener]
        do {
            listeners = try ControlListeners.make(
                settings: settings, router: router, logger: Logger(label: "enrolld.api"),
                bound: { await gate.reached($0) },
                failed: { error in
                    logger.log(.apiUnavailable, "The API cannot be served: \(error)", metadata: [LogKey.error: "\(error)"])
                    await outcome.fail()
                })
        } catch {
            logger.log(.apiUnavailable, "The API cannot be served: \(error)", metadata: [LogKey.error: "\(error)"])
            return ExitStatus.failure
        }

        let notifier = SystemdNotifier(environment: environment, logger: Logger(label: "enrolld.systemd"))
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: DeviceRegistryService(registry: devices, gate: gate))
        ]
        services.append(.init(service: RetentionService(keeper: records, period: .seconds(600), logger: Logger(label: "enrolld.records"))))
        services += listeners.map { .init(service: $0.service) }
        if let period = WatchdogInterval.fromEnvironment(environment) {
            services.append(.init(service: WatchdogService(
                period: period, probes: listeners.map { $0.probe as any LivenessProbe }, notifier: notifier,
                logger: Logger(label: "enrolld.watchdog"))))
        }
        let summary = startupSummary(api: api, devices: devices)
        services.append(.init(service: NotifyService(gate: gate, notifier: notifier, phase: phase, summary: summary, logger: logger)))

        var group = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "enrolld.lifecycle"))
        group.maximumGracefulShutdownDuration = .seconds(configuration.daemon.shutdownTimeoutSeconds)
        let serviceGroup = ServiceGroup(configuration: group)
        await outcome.attach(serviceGroup)

        do {
            try await serviceGroup.run()
        } catch {
            logger.error("enrolld stopped on an error: \(error)", metadata: [LogKey.error: "\(error)"])
            return ExitStatus.failure
        }
        // Close the readers, so a restart finds them idle (libfprint ends any operation).
        await readers.stop()
        withExtendedLifetime(state) {}
        let failed = await outcome.failed
        logger.log(.daemonStopped, failed ? "enrolld stopped after a failure" : "enrolld stopped")
        return failed ? ExitStatus.failure : ExitStatus.success
    }

    private static func startupSummary(api: DaemonConfiguration.API, devices: DeviceRegistry) -> @Sendable () async -> String {
        {
            let all = await devices.all
            let readers = all.filter { $0.kind == .fingerprintReader }.count
            let cameras = all.filter { $0.kind == .camera }.count
            var where_ = "API on \(api.socketPath)"
            if api.httpEnabled {
                let host = api.httpHost.contains(":") ? "[\(api.httpHost)]" : api.httpHost
                where_ += ", kiosk UI on http://\(host):\(api.httpPort)/"
            }
            return "Ready: \(where_); \(readers) reader(s), \(cameras) camera(s)"
        }
    }
}

/// Lets a part that fails after start-up (an insecure socket) stop the whole group and
/// make the exit status say so.
private actor GroupOutcome {
    private var group: ServiceGroup?
    private(set) var failed = false

    func attach(_ group: ServiceGroup) { self.group = group }

    func fail() async {
        failed = true
        await group?.triggerGracefulShutdown()
    }
}
