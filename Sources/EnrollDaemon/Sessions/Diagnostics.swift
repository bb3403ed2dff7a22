import EnrollCore
import Store
import Foundation

/// What `enrollctl diagnose` gets from the daemon: versions, the configuration with
/// secrets masked, devices, queue and counts. No subject data, no images, no templates,
/// no operator ids: a technician may send it to anyone.
enum Diagnostics {
    static func bundle(configuration: DaemonConfiguration, registry: DeviceRegistry, records: RecordKeeper, sessions: SessionManager) async -> [UInt8] {
        var masked = configuration
        if !masked.access.stationToken.isEmpty { masked.access.stationToken = "(set, masked)" }
        let devices = await registry.all
        var operators = 0
        if let store = records.store {
            operators = (try? await store.run { store throws(StoreError) in try store.operatorAccounts().count }) ?? 0
        }
        let queue = await records.queueStatus(now: RecordKeeper.unixMilliseconds())
        let object: [String: Any] = [
            "version": EnrollVersion.current,
            "configuration": "\(masked)",
            "devices": SessionManager.json(devices),
            "queue": SessionManager.json(queue),
            "active_session": await sessions.hasActiveSession,
            "operators": operators,
        ]
        return Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data("{}".utf8))
    }
}

extension SessionManager {
    var hasActiveSession: Bool { active != nil }
}
