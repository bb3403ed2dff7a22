/// Decides when the journal says "the queue is nearly full": once when the queue passes
/// `threshold` of its space, again every `repeatMilliseconds` while it stays above, and
/// anew after it fell below and passes it again. Pure: the caller brings the clock.
public struct QueueFillWatch: Sendable, Equatable {
    /// 80 %: at a typical day's volume that leaves days, not hours, before the refusal.
    public static let threshold = 0.8
    /// Daily, like the certificate expiry warning: the journal is read, not watched.
    public static let repeatMilliseconds: Int64 = 86_400_000

    /// When the last warning was given (Unix ms), nil while below the mark.
    public private(set) var lastWarned: Int64?

    public init() {}

    /// Takes a reading; returns whether to journal the warning now.
    public mutating func observe(fraction: Double, now: Int64) -> Bool {
        guard fraction.isFinite, fraction >= Self.threshold else {
            lastWarned = nil
            return false
        }
        // A clock set back must not silence the warning for the gap.
        if let last = lastWarned, now >= last, now - last < Self.repeatMilliseconds { return false }
        lastWarned = now
        return true
    }

    /// `bytes` as a share of `maximum`; 0 for a missing or nonsensical maximum.
    public static func fraction(bytes: Int, maximum: Int) -> Double {
        guard maximum > 0, bytes > 0 else { return 0 }
        return Double(bytes) / Double(maximum)
    }
}
