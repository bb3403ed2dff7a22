#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock Unix milliseconds, the unit every stored time uses.
enum Clock {
    static func unixMilliseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}
