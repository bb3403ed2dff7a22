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
        status.sessionOpen = await sessions?.hasActiveSession
        return status
    }

    func devices() async -> [DeviceSummary] {
        await registry.all
    }
}
