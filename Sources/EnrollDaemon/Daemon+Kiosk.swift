import ControlAPI
import EventLog
import Logging

extension Daemon {
    /// Reads the kiosk UI for the loopback listener. A folder that cannot be loaded is
    /// logged once, with its catalog entry, and the kiosk page says the UI is missing: the
    /// daemon keeps running so records, sync and enrollctl still work.
    static func loadKiosk(_ api: DaemonConfiguration.API, logger: Logger) -> Result<KioskAssets, KioskAssetsError>? {
        guard api.httpEnabled else { return nil }
        do {
            let assets = try KioskAssets.load(directory: api.kioskDirectory)
            logger.debug("Kiosk UI loaded", metadata: [
                LogKey.path: "\(assets.directory)", "kiosk.files": "\(assets.count)", "kiosk.skipped": "\(assets.skipped)",
            ])
            return .success(assets)
        } catch {
            logger.log(.kioskUnavailable, "The kiosk UI cannot be served: \(error)", metadata: [
                LogKey.path: "\(api.kioskDirectory)", LogKey.error: "\(error)",
            ])
            return .failure(error)
        }
    }
}
