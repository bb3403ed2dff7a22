/// Failed logins per operator id, and the growing back-off after too many: `threshold`
/// failures in a row lock the id for `base`, and every further failure doubles it, up to
/// `maximum`. A success clears the id. Unknown ids are counted the same way, so the
/// answers do not tell which ids exist.
public struct LoginLockout: Sendable {
    public struct Policy: Sendable, Equatable {
        public var threshold: Int
        public var base: Duration
        public var maximum: Duration
        public init(threshold: Int, base: Duration, maximum: Duration = .seconds(3600)) {
            self.threshold = threshold
            self.base = base
            self.maximum = maximum
        }
    }

    struct Entry {
        var failures = 0
        var lockedUntil: ContinuousClock.Instant?
    }

    public let policy: Policy
    private var entries: [String: Entry] = [:]
    /// Bounds memory under a flood of made-up ids. What is forgotten first is what matters
    /// least (see `makeRoom`): never an id that has reached the lock threshold.
    static let maximumEntries = 4096

    public init(policy: Policy) {
        self.policy = policy
    }

    /// How long `id` must still wait, or nil when it may try now.
    public func remaining(_ id: String, now: ContinuousClock.Instant) -> Duration? {
        guard let until = entries[id]?.lockedUntil, until > now else { return nil }
        return until - now
    }

    /// Counts a failure; returns the lock it caused, if any.
    @discardableResult
    public mutating func failed(_ id: String, now: ContinuousClock.Instant) -> Duration? {
        if entries[id] == nil, entries.count >= Self.maximumEntries, !makeRoom() {
            // Every entry is an escalated lock: forgetting one would hand its attacker fresh
            // guesses. The new id is not tracked; this failure answers as a first lock.
            return policy.base
        }
        var entry = entries[id, default: Entry()]
        entry.failures += 1
        var lock: Duration?
        if entry.failures >= policy.threshold {
            let doublings = min(entry.failures - policy.threshold, 30)
            var delay = policy.base
            for _ in 0..<doublings where delay < policy.maximum { delay = delay * 2 }
            lock = min(delay, policy.maximum)
            entry.lockedUntil = now + lock!
        }
        entries[id] = entry
        return lock
    }

    /// Forgets the entry with the fewest failures below the threshold. A flood of made-up
    /// ids must not push out the count of an id someone is really guessing (before, the
    /// entry whose lock had just run out went first, with all its doublings).
    private mutating func makeRoom() -> Bool {
        guard let least = entries.filter({ $0.value.failures < policy.threshold })
            .min(by: { $0.value.failures < $1.value.failures })?.key else { return false }
        entries[least] = nil
        return true
    }

    public mutating func succeeded(_ id: String) {
        entries[id] = nil
    }

    /// Failures counted for `id` since its last success.
    public func failures(_ id: String) -> Int { entries[id]?.failures ?? 0 }
}
