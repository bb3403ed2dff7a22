/// Start-up milestones that must all be reached before systemd hears `READY=1`: storage
/// open, devices enumerated, listeners bound. Each part signals its own milestone, so
/// readiness is a fact about the parts, not a guess after a delay.
public actor ReadinessGate {
    private var pending: Set<String>
    private var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
    private var nextWaiter = 0

    public init(milestones: Set<String>) {
        pending = milestones
    }

    /// Marks a milestone reached; the last one releases every waiter.
    public func reached(_ milestone: String) {
        pending.remove(milestone)
        guard pending.isEmpty else { return }
        for waiter in waiters.values { waiter.resume(returning: true) }
        waiters.removeAll()
    }

    /// Waits until every milestone is reached: true then, false if the task was cancelled
    /// first (a shut-down during start-up must not hang on a milestone that never comes).
    public func wait() async -> Bool {
        if pending.isEmpty { return true }
        let id = nextWaiter
        nextWaiter += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled { continuation.resume(returning: false) } else { waiters[id] = continuation }
            }
        } onCancel: {
            Task { await self.abandon(id) }
        }
    }

    private func abandon(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume(returning: false)
    }

    /// Milestones not yet reached, for the start-up status line.
    public var outstanding: Set<String> { pending }
}
