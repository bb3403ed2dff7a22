import EnrollCore
import EventLog
import Foundation
import Logging
import Metrics
import Prometheus

extension Daemon {
    /// Installs the Prometheus backend for swift-metrics, once per process.
    static func bootstrapMetrics() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Sessions last minutes, not the milliseconds the default buckets are made for.
        factory.durationHistogramBuckets[SessionMetrics.durationLabel] = SessionMetrics.durationBuckets
        MetricsSystem.bootstrap(factory)
        // An inventory line for fleet dashboards: which version each kiosk runs.
        Gauge(label: "enrolld_build_info", dimensions: [("version", EnrollVersion.current)]).record(1)
        // Maintenance lives in memory: every start begins without it.
        SessionManager.maintenanceGauge.record(0)
        return registry
    }

    /// Creates and locks the state directory and creates the runtime directory; nil (and a
    /// catalogued journal entry) when either cannot be used.
    static func openStateDirectory(_ settings: DaemonConfiguration.Daemon, logger: Logger) -> StateDirectory? {
        do {
            let state = try StateDirectory(path: settings.stateDirectory)
            if let mode = state.formerMode {
                logger.warning("The state directory \(settings.stateDirectory) was open to other users (mode \(String(mode, radix: 8))); it is now private (700)")
            }
            try FileManager.default.createDirectory(
                atPath: settings.runtimeDirectory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o750])
            return state
        } catch {
            logger.log(.stateDirectoryUnavailable, "Cannot use the state directory: \(error)", metadata: [
                LogKey.path: "\(settings.stateDirectory)", LogKey.error: "\(error)",
            ])
            return nil
        }
    }
}
