import ControlAPI
import EnrollCore

/// Builds `/v1/status` from the live parts of the daemon.
struct DaemonStatusSource: StatusProvider {
    let started: ContinuousClock.Instant
    let phase: DaemonPhase
    let registry: DeviceRegistry
    var records: RecordKeeper? = nil
    var sync: SyncParts? = nil
    var sessions: SessionManager? = nil

    func currentStatus() async -> DaemonStatus {
        let uptime = ContinuousClock.now - started
        var status = DaemonStatus(
            version: EnrollVersion.current,
            phase: phase.current,
            uptimeSeconds: uptime.seconds,
            devices: await registry.all,
            queue: await records?.queueSummary(now: RecordKeeper.unixMilliseconds()) ?? .empty,
            sync: await sync?.summary() ?? SyncSummary(state: .notConfigured)
        )
        if let sessions {
            status.sessionOpen = await sessions.hasActiveSession
            // The keeper's reason read without its journal entry: a status poll is not an
            // attempt to enroll, and must not journal a refusal nobody met.
            let refusal = await sessions.refusal(records: await records?.refusalReason())
            status.accepting = refusal == nil
            status.refusal = refusal?.message
            status.maintenance = await sessions.maintenanceOn
        }
        return status
    }

    func devices() async -> [DeviceSummary] {
        await registry.all
    }
}
