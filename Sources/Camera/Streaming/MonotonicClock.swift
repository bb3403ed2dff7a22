#if canImport(Glibc)
import Glibc
#endif

/// CLOCK_MONOTONIC as a Duration since boot: the clock V4L2 stamps frames with.
enum MonotonicClock {
    static var now: Duration {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return .seconds(Int64(spec.tv_sec)) + .nanoseconds(Int64(spec.tv_nsec))
    }
}
