import EnrollCore
import Store
import Foundation

/// What `enrollctl diagnose` gets from the daemon: versions, the configuration with
/// secrets masked, devices, queue and counts. No subject data, no images, no templates,
/// no operator ids: a technician may send it to anyone.
enum Diagnostics {
    static func bundle(configuration: DaemonConfiguration, configurationText: String? = nil,
                       registry: DeviceRegistry, records: RecordKeeper, sessions: SessionManager) async -> [UInt8] {
        var masked = configuration
        let token = configuration.access.stationToken
        if !token.isEmpty { masked.access.stationToken = MaskedConfigurationText.mask }
        let devices = await registry.all
        var operators = 0
        if let store = records.store {
            operators = (try? await store.run { store throws(StoreError) in try store.operatorAccounts().count }) ?? 0
        }
        let queue = await records.queueStatus(now: RecordKeeper.unixMilliseconds())
        var object: [String: Any] = [
            "version": EnrollVersion.current,
            // Every setting in effect, defaults included (Swift's names for them).
            "configuration": "\(masked)",
            "devices": SessionManager.json(devices),
            "queue": SessionManager.json(queue),
            "active_session": await sessions.hasActiveSession,
            "operators": operators,
        ]
        if var text = configurationText {
            // A YAML alias could have copied the token under another key: never let it out.
            if !token.isEmpty { text = text.replacingOccurrences(of: token, with: MaskedConfigurationText.mask) }
            object["configuration_file"] = text
        }
        return Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])) ?? Data("{}".utf8))
    }
}

extension SessionManager {
    var hasActiveSession: Bool { active != nil }
}
