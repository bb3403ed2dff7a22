#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The queue between the store's callers and its thread: jobs run one at a time, in the
/// order they were posted, on the one thread that called `runUntilClosed()`.
final class StoreJobQueue: @unchecked Sendable {
    // @unchecked: `pending`, `closed`, `finished` and `owner` are only touched while
    // `condition` is held.
    typealias Job = @Sendable () -> Void

    private let condition = NSCondition()
    private var pending: [Job] = []
    private var closed = false
    private var finished = false
    private var owner: pthread_t?

    /// Adds a job after those already queued. Returns false once the queue is closed.
    @discardableResult
    func post(_ job: @escaping Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        pending.append(job)
        condition.broadcast()
        return true
    }

    /// Lets the thread finish what is queued, then return.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Closes the queue and waits until the thread has run what was queued and let go of
    /// every job (and so of what the jobs held, such as the store's connection).
    func closeAndWait() {
        condition.lock()
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    /// Whether the calling thread is the one running the jobs.
    var isCurrent: Bool {
        condition.lock()
        defer { condition.unlock() }
        guard let owner else { return false }
        return pthread_equal(owner, pthread_self()) != 0
    }

    /// The thread's body: waits for jobs (no polling), runs them in order, and returns
    /// after `close()` once nothing is left.
    func runUntilClosed() {
        condition.lock()
        owner = pthread_self()
        condition.unlock()
        var batch: [Job] = []
        while true {
            condition.lock()
            while pending.isEmpty && !closed { condition.wait() }
            if pending.isEmpty && closed {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            // Take everything queued at once: one lock round per burst, not per job.
            swap(&batch, &pending)
            condition.unlock()
            for job in batch { job() }
            batch.removeAll(keepingCapacity: true)
        }
    }
}
