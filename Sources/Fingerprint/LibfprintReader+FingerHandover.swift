import CFPrint

/// Where a finger presented from outside (the demo's virtual reader, tests) is handed over:
/// the presenter takes a mark while the reader waits for a finger, sends the image, then
/// waits until the reader has taken it, instead of sleeping and hoping. "Taken" is libfprint's
/// finger status leaving NEEDED (an image reader does so as soon as it has the image), or
/// the operation ending, after which nothing waits for that finger any more.
extension LibfprintReader {
    /// A mark from which to wait for the next hand-over; nil if the reader does not wait for
    /// a finger now.
    public func fingerWaitMark() -> FingerWaitMark? {
        fingerHandover.observe(needed: isWaitingForFinger)
        guard isWaitingForFinger else { return nil }
        return FingerWaitMark(handovers: fingerHandover.handovers)
    }

    /// Waits until the reader has stopped waiting for the finger it waited for at `mark`, or
    /// until `limit` has passed; returns whether it stopped.
    public func waitUntilFingerTaken(since mark: FingerWaitMark, limit: Duration) async -> Bool {
        // A notify may be pending still (GObject can hold them back): look for ourselves too.
        fingerHandover.observe(needed: isWaitingForFinger)
        if fingerHandover.handovers > mark.handovers { return true }
        let id = fingerHandover.nextWaiterID()
        // The timer needs this actor, so it cannot fire before the waiter below is in place.
        let timer = Task { [weak self] in
            try? await Task.sleep(for: limit)
            await self?.fingerWaitExpired(id)
        }
        let taken = await withCheckedContinuation { fingerHandover.add(id, $0) }
        timer.cancel()
        return taken
    }

    /// The finger status changed (from `deviceChanged`, on the GLib thread).
    func fingerStatusChanged() {
        fingerHandover.observe(needed: isWaitingForFinger)
    }

    /// An operation ended: whatever it waited for is no longer awaited.
    func fingerWaitEnded() {
        fingerHandover.handOver()
    }

    private func fingerWaitExpired(_ id: Int) {
        fingerHandover.expire(id)
    }
}

/// A point in a reader's hand-overs of fingers, from `LibfprintReader.fingerWaitMark()`.
public struct FingerWaitMark: Sendable {
    let handovers: Int
}

/// The reader's count of hand-overs and who waits for the next one. Owned by the reader actor.
struct FingerHandover {
    /// How often the reader stopped waiting for a finger so far.
    private(set) var handovers = 0
    private var needed = false
    private var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
    private var lastWaiterID = 0

    /// The reader's finger status now: a change from needed to not needed is a hand-over.
    mutating func observe(needed now: Bool) {
        if needed, !now { handOver() }
        needed = now
    }

    mutating func handOver() {
        handovers += 1
        needed = false
        let released = waiters.values
        waiters = [:]
        for waiter in released { waiter.resume(returning: true) }
    }

    mutating func nextWaiterID() -> Int {
        lastWaiterID += 1
        return lastWaiterID
    }

    mutating func add(_ id: Int, _ waiter: CheckedContinuation<Bool, Never>) {
        waiters[id] = waiter
    }

    mutating func expire(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume(returning: false)
    }
}
