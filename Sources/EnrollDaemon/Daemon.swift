import ControlAPI
import EnrollCore
import EventLog
import Logging
import ServiceLifecycle
import Sync
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
        // SIGHUP's default action ends the process: a `systemctl reload` during the start
        // (up to TimeoutStartSec) must not. Ignored from here; ReloadSignalService then
        // acts on it once the services run.
        ReloadSignalService.ignoreUntilHandled()
        if !CoreDumps.forbid() { logger.warning("Core dumps could not be switched off; a crash may write personal data to disk") }
        if case .defaults(let missing) = source {
            logger.log(.configurationMissing, "No configuration file at \(missing); using built-in defaults", metadata: [LogKey.path: "\(missing)"])
        }
        // Before anything is opened: a kiosk that cannot show the consent text must not start.
        let kiosk = loadKiosk(configuration.api, logger: logger)
        guard let consentTexts = loadConsentTexts(configuration, kiosk: kiosk, logger: logger) else { return ExitStatus.configuration }
        let metrics = bootstrapMetrics()
        guard let state = openStateDirectory(configuration.daemon, logger: logger) else { return ExitStatus.failure }
        if case .notEncrypted(let device) = DiskEncryption.of(path: state.path) {
            logger.log(.stateNotEncrypted, "The state directory \(state.path) is on \(device), which is not encrypted: the gallery and the kiosk's keys are only as safe as this disk",
                       metadata: [LogKey.path: "\(state.path)", "block_device": "\(device)"])
        }
        for area in SwapEncryption.unencrypted(SwapEncryption.inUse()) {
            logger.log(.swapNotEncrypted, "Swap on \(area) is not encrypted: the kiosk browser's memory (the photo preview, the details typed in) can be written to it",
                       metadata: [LogKey.path: "\(area)"])
        }

        let gate = ReadinessGate(milestones: Milestone.required(httpEnabled: configuration.api.httpEnabled))
        // Keys and the outbox: a damaged or unopenable store is logged and leaves the kiosk
        // refusing capture, but the daemon still starts so the technician can see why.
        let records = await RecordKeeper.open(directory: state.path, configuration: configuration, logger: Logger(label: "enrolld.records"))
        await gate.reached(Milestone.storage)
        // The duplicate check's gallery: loaded by its service, off the cooperative pool.
        let gallery = LocalGallery.make(configuration: configuration.matching, records: records)

        let devices = DeviceParts(configuration: configuration, environment: environment)
        let phase = DaemonPhase()
        // Sync started after the daemon (its TLS files put in place later): the expiry is
        // looked at then, as at start, for the gauge and an early warning.
        let sync = SyncParts.make(configuration: configuration, records: records, logger: Logger(label: "enrolld.sync"), onLateStart: { renewal in
            CertificateExpiryWatch(expiry: { renewal.certificateExpiry }, logger: Logger(label: "enrolld.sync")).check()
        })
        let sessions = SessionWiring(configuration: configuration, devices: devices, records: records, duplicates: gallery,
                                     consentTexts: consentTexts, source: source, earliestTrueTime: { sync.certificateWindow?.validFrom }, committed: { sync.start?.syncNow() })
        let status = DaemonStatusSource(started: .now, phase: phase, registry: devices.registry, records: records, sync: sync,
                                        sessions: sessions.manager)
        let router = ControlRouter(
            status: status, metrics: MetricsEndpoint(registry: metrics), records: RecordsSource(keeper: records, sync: sync),
            readers: devices.readerOperations)
            .adding(cameras: devices.cameraTests(policy: configuration.camera.formatPolicy))
            .adding(gallery: GalleryBundleImporter(
                gallery: gallery, publicKeyHex: configuration.matching.bundlePublicKey, stateDirectory: state.path,
                logger: Logger(label: "enrolld.gallery")))
            .adding(access: sessions.access)
            .adding(kiosk: kiosk)
            .adding(sync: sync)

        let outcome = GroupOutcome()
        let listeners: [ControlListeners.Listener]
        do {
            listeners = try ControlListeners.make(
                settings: listenerSettings(configuration.api), router: router, logger: Logger(label: "enrolld.api"),
                bound: { await gate.reached($0) },
                failed: { error in
                    logger.log(.apiUnavailable, "The API cannot be served: \(error)", metadata: [LogKey.error: "\(error)"])
                    await outcome.fail()
                })
        } catch {
            logger.log(.apiUnavailable, "The API cannot be served: \(error)", metadata: [LogKey.error: "\(error)"])
            return ExitStatus.failure
        }

        var services = serviceList(
            configuration: configuration, environment: environment, gate: gate, phase: phase,
            devices: devices, records: records, listeners: listeners, logger: logger)
        // First to start, last to stop: searches still running at shut-down may finish.
        services.insert(.init(service: gallery), at: 0)
        // Ends abandoned sessions; stopped last, after the listeners.
        services.insert(.init(service: SessionTicker(sessions: sessions.manager)), at: 0)
        services.insert(.init(service: SessionDeviceWatch(registry: devices.registry, sessions: sessions.manager)), at: 0)
        services.append(.init(service: QueueMetricsService(keeper: records, sync: sync)))
        if sync.start != nil {
            // Reads through `sync`: the renewal exists once the uploader has started.
            services.append(.init(service: CertificateExpiryWatch(expiry: { sync.certificateExpiry }, logger: Logger(label: "enrolld.sync"),
                                                                  renew: { if sync.renewal?.check() == .reloaded { sync.uploader?.syncNow() } })))
        }
        // `systemctl reload enrolld`: the TLS files at once (see ReloadSignalService).
        services.append(.init(service: ReloadSignalService(reload: { sync.reloadTLSFiles(logger: Logger(label: "enrolld.sync")) },
                                                           logger: Logger(label: "enrolld.lifecycle"))))
        // First to start, last to stop: an upload in flight finishes before the store closes.
        // The uploader runs inside it, at once or once its TLS files are usable.
        if let start = sync.start { services.insert(.init(service: start), at: 0) }
        // Stopped right after the notify service (last in the list): the open session ends
        // before the listeners close.
        services.insert(.init(service: SessionShutdown(sessions: sessions.manager)), at: services.count - 1)
        var group = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "enrolld.lifecycle"))
        group.maximumGracefulShutdownDuration = .seconds(configuration.daemon.shutdownTimeoutSeconds)
        let serviceGroup = ServiceGroup(configuration: group)
        await outcome.attach(serviceGroup)

        do {
            try await serviceGroup.run()
        } catch {
            if let bind = ListenerError.bindFailure(error, settings: listenerSettings(configuration.api)) {
                logger.log(.apiUnavailable, "The API cannot be served: \(bind)", metadata: [LogKey.error: "\(error)"])
            } else {
                logger.error("enrolld stopped on an error: \(error)", metadata: [LogKey.error: "\(error)"])
            }
            await records.prepareStoreForStop()
            return ExitStatus.failure
        }
        await records.prepareStoreForStop()
        // Close the readers, so a restart finds them idle (libfprint ends any operation).
        await devices.stop()
        withExtendedLifetime(state) {}
        let failed = await outcome.failed
        logger.log(.daemonStopped, failed ? "enrolld stopped after a failure" : "enrolld stopped")
        return failed ? ExitStatus.failure : ExitStatus.success
    }

    private static func listenerSettings(_ api: DaemonConfiguration.API) -> ListenerSettings {
        ListenerSettings(
            socketPath: api.socketPath, socketMode: api.socketMode, socketGroup: api.socketGroup,
            http: api.httpEnabled ? (api.httpHost, api.httpPort) : nil, idleTimeout: .seconds(api.idleTimeoutSeconds),
            maximumConnections: api.maximumConnections)
    }
}
