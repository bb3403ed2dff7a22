import Foundation
import Synchronization

/// A fixed set of threads for CPU-bound gallery work. A 1:N search scores a large gallery
/// for tens of milliseconds (seconds while 100,000 entries load); on Swift's cooperative
/// pool that would stall the API and the readers' actors for as long (the pool has one
/// thread per core, two here), and on the GLib thread it would stall every reader. Callers
/// await a continuation; the queue is bounded so a flood of requests is refused instead of
/// piling up.
final class SearchPool: Sendable {
    /// Why work was not run.
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    private struct State {
        var jobs: [@Sendable () -> Void] = []
        var stopping = false
    }

    private let state = Mutex(State())
    /// Signals waiting threads that a job arrived or the pool stops. Guards nothing itself:
    /// the state is behind the Mutex, so a thread rechecks it after every wake-up.
    private let wake = DispatchSemaphore(value: 0)
    private let threadCount: Int
    private let maximumQueued: Int

    init(threads: Int, maximumQueued: Int = 64) {
        threadCount = max(1, threads)
        self.maximumQueued = maximumQueued
        for index in 0..<threadCount {
            let thread = Thread { [self] in work() }
            thread.name = "enrolld-gallery-\(index)"
            thread.start()
        }
    }

    /// Runs `body` on one of the pool's threads and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let refusal: Refusal? = state.withLock { state in
                if state.stopping { return Refusal(description: "the gallery is shutting down") }
                if state.jobs.count >= maximumQueued { return Refusal(description: "too many searches are waiting (\(maximumQueued))") }
                state.jobs.append { continuation.resume(with: Result { try body() }) }
                return nil
            }
            if let refusal { continuation.resume(throwing: refusal) } else { wake.signal() }
        }
    }

    /// Lets queued work finish, then ends the threads.
    func stop() {
        let already = state.withLock { state in
            defer { state.stopping = true }
            return state.stopping
        }
        guard !already else { return }
        for _ in 0..<threadCount { wake.signal() }
    }

    private func work() {
        while true {
            wake.wait()
            while true {
                let next: (job: (@Sendable () -> Void)?, stop: Bool) = state.withLock { state in
                    state.jobs.isEmpty ? (nil, state.stopping) : (state.jobs.removeFirst(), false)
                }
                if let job = next.job { job(); continue }
                if next.stop { return }
                break
            }
        }
    }
}
