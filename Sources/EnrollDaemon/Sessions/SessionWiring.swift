import Access
import Camera
import ControlAPI
import EnrollCore
import Foundation
import Logging

/// The session manager, logins and operator administration, composed from the
/// configuration, the devices and the record keeper.
struct SessionWiring {
    let manager: SessionManager
    let access: AccessParts

    init(configuration: DaemonConfiguration, devices: DeviceParts, records: RecordKeeper, duplicates: any DuplicateSearching,
         consentTexts: [ConsentTextView] = [], source: ConfigurationLoader.Source? = nil, earliestTrueTime: @escaping @Sendable () -> Int64? = { nil }, committed: @escaping @Sendable () -> Void = {}, logger: Logger = Logger(label: "enrolld.sessions")) {
        let sessionRecords = KeeperSessionRecords(keeper: records, logger: logger, committed: committed)
        let camera = RegistryFaceCamera(registry: devices.registry, policy: configuration.camera.formatPolicy)
        manager = SessionManager(parts: .init(
            policy: configuration.session.policy,
            fingers: LibfprintFingerCapture(source: devices.readers),
            camera: camera,
            fingerQuality: PreloadedFingerQuality.start(configuration.quality.fingerprintQuality, forestPath: configuration.quality.fingerModel,
                                                        logger: Logger(label: "enrolld.quality")),
            faceQuality: configuration.quality.faceChecks
                ? PreloadedFaceQuality.start(loading: { [quality = configuration.quality] in try quality.faceAnalyzer() },
                                             logger: Logger(label: "enrolld.quality"))
                : UnassessedFaceQuality(),
            duplicates: duplicates, candidateLimit: configuration.matching.candidates,
            records: sessionRecords, devices: devices.registry, consentTexts: consentTexts,
            contactText: configuration.kiosk.contactText, earliestTrueTime: earliestTrueTime), logger: logger)
        let settings = configuration.access
        let fingers = OperatorFingers(readers: devices.readers, records: sessionRecords, logger: logger)
        let control = AccessControl(
            settings: .init(
                pinIterations: settings.pinIterations,
                lockout: .init(threshold: settings.lockoutAfter, base: .seconds(settings.lockoutSeconds)),
                idle: .seconds(settings.idleMinutes * 60), stationToken: settings.stationToken, stationID: settings.stationID),
            directory: StoreOperatorDirectory(records: sessionRecords, fingers: fingers, logger: logger),
            stationLogins: StoreStationLogins(store: records.openStore, logger: logger))
        let registry = devices.registry
        let manager = self.manager
        // The bytes enrolld was started on (kept by the loader), not the file as it may read
        // after an edit; masked only when a technician asks for the bundle.
        let diagnose: @Sendable () async -> [UInt8] = {
            await Diagnostics.bundle(configuration: configuration, configurationText: source.map(MaskedConfigurationText.of),
                                     registry: registry, records: records, sessions: manager)
        }
        access = AccessParts(
            socketPeers: Self.peers(settings, logger: logger), control: control, sessions: manager,
            operators: OperatorAdministration(records: sessionRecords, fingers: fingers, access: control, diagnose: diagnose),
            httpPort: configuration.api.httpPort)
    }

    /// The `access.socket_*` lists as uid/gid rules, names looked up now. An unknown name
    /// is skipped with a warning: refusing the daemon over it would lock technicians out.
    static func peers(_ settings: DaemonConfiguration.Access, logger: Logger) -> SocketPeerMap {
        var rules: [SocketPeerMap.Rule] = []
        let lists: [(Role, [String])] = [
            (.technician, settings.socketTechnicians), (.supervisor, settings.socketSupervisors),
            (.operator, settings.socketOperators), (.station, settings.socketStations),
        ]
        for (role, entries) in lists {
            for entry in entries {
                guard let match = match(entry) else {
                    logger.warning("access: no such user or group \(entry); the rule is skipped")
                    continue
                }
                rules.append(.init(match: match, role: role))
            }
        }
        return SocketPeerMap(rules: rules, ownUID: UInt32(getuid()))
    }

    static func match(_ entry: String) -> SocketPeerMap.Match? {
        let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[0] {
        case "uid": return UInt32(parts[1]).map { .uid($0) }
        case "gid": return UInt32(parts[1]).map { .gid($0) }
        case "user": return getpwnam(parts[1]).map { .uid($0.pointee.pw_uid) }
        case "group": return getgrnam(parts[1]).map { .gid($0.pointee.gr_gid) }
        default: return nil
        }
    }
}
