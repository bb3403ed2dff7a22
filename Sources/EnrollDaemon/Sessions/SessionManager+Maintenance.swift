import Access
import ControlAPI
import EnrollCore
import HTTPTypes
import Logging
import Metrics

/// Maintenance: a technician about to restart or upgrade the daemon holds new enrollments
/// back, lets the open one finish (a restart would end it, and the person would start
/// again), then restarts. Kept in memory only: a restart ends maintenance, so a kiosk is
/// never left closed because someone forgot to open it again.
extension SessionManager {
    /// Reads (`on` nil) or switches maintenance; a switch is audited first, and refused with
    /// 503 `audit_unavailable` when its entry cannot be written.
    func maintenance(_ on: Bool?, by caller: Principal) async throws(APIProblem) -> MaintenanceView {
        if let on, on != maintenanceOn {
            try await auditEntry(caller, on ? "maintenance.on" : "maintenance.off", approvedBy: nil)
            maintenanceOn = on
            Self.maintenanceGauge.record(on ? 1 : 0)
            logger.notice(on ? "Maintenance on: new enrollments are held back until `enrollctl maintenance off` or a restart"
                             : "Maintenance off: new enrollments are accepted again",
                          metadata: ["maintenance.session_open": "\(hasActiveSession)"])
        }
        return MaintenanceView(on: maintenanceOn, sessionOpen: hasActiveSession)
    }

    /// 1 while a technician holds new enrollments back, so fleet monitoring tells a kiosk
    /// being serviced from one that is idle (`enrolld_accepting_enrollments` is the queue's).
    static var maintenanceGauge: Gauge { Gauge(label: "enrolld_maintenance") }

    /// 503 `maintenance`: what a new session is told while a technician holds them back.
    static let underMaintenance = APIProblem(
        .serviceUnavailable, "maintenance",
        "New enrollments are paused: a technician is servicing this kiosk (`enrollctl maintenance off` or a restart ends it).")
}
