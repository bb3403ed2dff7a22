#if canImport(Glibc)
import Glibc
#endif

/// The watchdog period systemd asks for (`WatchdogSec=` → `WATCHDOG_USEC`), as `sd_watchdog_enabled(3)` reads it.
public enum WatchdogInterval {
    /// The period in which systemd expects a `WATCHDOG=1`, or nil when no watchdog is asked
    /// for this process (unset, zero, malformed, or meant for another PID).
    public static func fromEnvironment(_ environment: [String: String], pid: Int32 = getpid()) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let usec = UInt64(text), usec > 0 else { return nil }
        if let owner = environment["WATCHDOG_PID"], Int32(owner) != pid { return nil }
        return .microseconds(Int64(clamping: usec))
    }
}
