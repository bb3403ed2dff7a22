/// When to try again after a failed upload: exponential back-off with full jitter and a
/// cap, and a server's `Retry-After` honoured (within the cap). Pure: the random source
/// is passed in, so tests fix it and check the bounds without waiting.
public struct BackoffPolicy: Sendable, Equatable {
    /// The first delay's upper bound, in milliseconds.
    public var initialMilliseconds: Int64
    /// No delay exceeds this.
    public var capMilliseconds: Int64
    /// Growth per consecutive failure.
    public var multiplier: Double

    public init(initialMilliseconds: Int64 = 1_000, capMilliseconds: Int64 = 300_000, multiplier: Double = 2) {
        self.initialMilliseconds = max(1, initialMilliseconds)
        self.capMilliseconds = max(self.initialMilliseconds, capMilliseconds)
        self.multiplier = max(1, multiplier)
    }

    /// The upper bound of the delay after `failures` consecutive failures (1 = first).
    public func ceiling(afterFailures failures: Int) -> Int64 {
        guard failures > 0 else { return 0 }
        var bound = Double(initialMilliseconds)
        for _ in 1..<min(failures, 64) {
            bound *= multiplier
            if bound >= Double(capMilliseconds) { return capMilliseconds }
        }
        return min(capMilliseconds, Int64(bound))
    }

    /// The delay before the next attempt. Full jitter (uniform in [ceiling/2, ceiling])
    /// spreads a fleet of kiosks that all lost the server at once; a `Retry-After` from the
    /// server is a floor, still capped so a hostile header cannot park the kiosk.
    public func delay<G: RandomNumberGenerator>(afterFailures failures: Int, retryAfterMilliseconds: Int64? = nil, using generator: inout G) -> Int64 {
        let ceiling = ceiling(afterFailures: failures)
        let jittered = ceiling <= 1 ? ceiling : Int64.random(in: (ceiling / 2)...ceiling, using: &generator)
        guard let retryAfterMilliseconds, retryAfterMilliseconds > 0 else { return jittered }
        return min(capMilliseconds, max(jittered, retryAfterMilliseconds))
    }

    /// Parses a `Retry-After` header: delay-seconds only (an HTTP date is ignored: the
    /// kiosk's clock may be wrong, and seconds are what enroll-ingest sends).
    public static func retryAfterMilliseconds(_ header: String?) -> Int64? {
        guard let header, let seconds = Int64(String(header.filter { $0 != " " && $0 != "\t" })), seconds >= 0, seconds < 86_400 * 365
        else { return nil }
        return seconds * 1000
    }
}
