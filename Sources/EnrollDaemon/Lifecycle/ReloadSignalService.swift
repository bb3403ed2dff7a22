#if canImport(Glibc)
import Glibc
#endif
import Logging
import ServiceLifecycle
import UnixSignals

/// `systemctl reload enrolld`: the unit's `ExecReload=` sends SIGHUP, and the daemon looks
/// at its TLS files at once instead of at the next upload attempt. Plain SIGHUP, not
/// `Type=notify-reload` (systemd 253; Debian 12 has 252): systemd is told nothing more than
/// that the signal was sent, so the notify and watchdog protocol is unchanged; what the
/// reload did is said in the journal. Nothing else is re-read: the configuration file needs
/// a restart, as before.
struct ReloadSignalService: Service {
    let reload: @Sendable () async -> Void
    let logger: Logger

    /// SIGHUP's default action would end the daemon; until this service runs it is ignored
    /// (a reload sent during the start is lost, not fatal: the next upload attempt
    /// compares the files anyway).
    static func ignoreUntilHandled() {
        signal(SIGHUP, SIG_IGN)
    }

    func run() async throws {
        // UnixSignals leaves the signal ignored and delivers it through a dispatch source,
        // also after this sequence ends (a SIGHUP during the stop does nothing).
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in signals {
                logger.notice("Reload requested (SIGHUP): comparing the TLS files with those loaded")
                await reload()
            }
        }
    }
}
