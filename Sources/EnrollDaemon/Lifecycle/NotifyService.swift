import EnrollCore
import EventLog
import Logging
import ServiceLifecycle
import Systemd

/// Tells systemd and the journal where the daemon is in its life: `READY=1` once the gate
/// opens, `STOPPING=1` when graceful shut-down begins. It runs last in the group, so it is
/// the first to hear of shut-down.
struct NotifyService: Service {
    let gate: ReadinessGate
    let notifier: SystemdNotifier
    let phase: DaemonPhase
    let summary: @Sendable () async -> String
    let logger: Logger

    func run() async throws {
        let opened = await cancelWhenGracefulShutdown { await gate.wait() }
        guard opened else { return }
        let sentence = await summary()
        phase.set(.ready)
        notifier.notify(.ready, .status(sentence))
        logger.log(.daemonStarted, "enrolld ready: \(sentence)")

        try? await gracefulShutdown()
        phase.set(.stopping)
        notifier.notify(.stopping, .status("Shutting down"))
        logger.log(.daemonStopping, "enrolld shutting down")
    }
}
