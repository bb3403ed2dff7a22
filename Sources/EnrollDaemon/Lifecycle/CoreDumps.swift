#if canImport(Glibc)
import Glibc
#endif

/// The daemon's memory holds what the kiosk must never leave on disk in the clear: images
/// and details of the person being enrolled, templates, the gallery and device keys. A core
/// dump would write all of it unencrypted (systemd-coredump keeps them under
/// /var/lib/systemd/coredump). So the daemon forbids its own core dumps at start, also when
/// started outside the unit (whose LimitCORE=0 says the same); systemd-coredump then
/// records that the crash happened, with its stack trace in the journal, but no memory.
enum CoreDumps {
    /// Sets RLIMIT_CORE to 0 (soft and hard). Returns false if the kernel refused.
    @discardableResult
    static func forbid() -> Bool {
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        return setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &none) == 0
    }
}
