import ControlAPI
import EnrollCore

/// Builds `/v1/status` from the live parts of the daemon.
struct DaemonStatusSource: StatusProvider {
    let started: ContinuousClock.Instant
    let phase: DaemonPhase
    let registry: DeviceRegistry

    func currentStatus() async -> DaemonStatus {
        let uptime = ContinuousClock.now - started
        return DaemonStatus(
            version: EnrollVersion.current,
            phase: phase.current,
            uptimeSeconds: Double(uptime.components.seconds) + Double(uptime.components.attoseconds) / 1e18,
            devices: await registry.all,
            // The outbox and the uploader arrive with the record and sync work; until then
            // nothing is queued and nothing is configured to sync to.
            queue: .empty,
            sync: SyncSummary(state: .notConfigured)
        )
    }

    func devices() async -> [DeviceSummary] {
        await registry.all
    }
}
