#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation

/// The daemon's way into the store: one dedicated thread runs every store call, one after
/// the other, and async callers await the outcome.
///
/// A store call holds its caller for a transaction and its fsyncs: a few milliseconds on an
/// SSD, 50–500 ms on a kiosk's eMMC or SD card under load. Swift's cooperative pool has as
/// many threads as cores (two on a kiosk), so a commit, a purge or the uploader's read of a
/// 10 MB batch run there would stall API requests, event streams and reader actors for as
/// long. Here they block only this thread.
///
/// `RecordStore` stays synchronous (the crash writer, the benches and the store's own tests
/// use it directly) and keeps its own lock, so a direct call is still safe, merely blocking.
public final class StoreThread: Sendable {
    /// The name the thread carries (`ps -L`, gdb, and the tests that check where work ran).
    public static let defaultName = "enrolld-store"

    private let store: RecordStore
    private let jobs: StoreJobQueue

    /// Starts the thread for an open store.
    public init(store: RecordStore, name: String = StoreThread.defaultName) {
        self.store = store
        jobs = Self.startThread(name: name)
    }

    private init(store: RecordStore, jobs: StoreJobQueue) {
        self.store = store
        self.jobs = jobs
    }

    deinit {
        // The thread runs what is already queued, then ends. Waiting for it means that the
        // connection is closed when the last reference goes, not a moment later on the store
        // thread (a store reopened at once would find the file still locked). Only the last
        // reference dropped on the store thread itself cannot wait for it.
        if jobs.isCurrent { jobs.close() } else { jobs.closeAndWait() }
    }

    /// Opens the store on a new store thread, so that the integrity check and migrations of
    /// a large database do not hold the caller's thread either.
    public static func open(directory: String, limits: RecordStore.Limits, name: String = StoreThread.defaultName) async throws(StoreError) -> StoreThread {
        let jobs = startThread(name: name)
        let opened: Result<RecordStore, StoreError> = await withCheckedContinuation { continuation in
            jobs.post { continuation.resume(returning: Result { () throws(StoreError) in try RecordStore.open(directory: directory, limits: limits) }) }
        }
        switch opened {
        case .success(let store): return StoreThread(store: store, jobs: jobs)
        case .failure(let error):
            jobs.close()
            throw error
        }
    }

    /// The database file, for log messages.
    public var path: String { store.path }

    /// The store's capacity and retention settings.
    public var limits: RecordStore.Limits { store.limits }

    /// Whether the calling thread is this store thread.
    public var isCurrent: Bool { jobs.isCurrent }

    /// Runs `body` on the store thread, after every call posted before it, and returns its
    /// result; its error reaches the caller with its type (`StoreError` stays `StoreError`).
    ///
    /// Cancelling the calling task does not call the work off: once posted it runs to its
    /// end and the caller waits for the outcome. A transaction stopped half-way would be
    /// rolled back, but an operator waiting for a commit must learn whether it happened.
    public func run<T: Sendable, E: Error>(_ body: @escaping @Sendable (RecordStore) throws(E) -> T) async throws(E) -> T {
        let store = self.store
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            jobs.post { continuation.resume(returning: Result { () throws(E) -> T in try body(store) }) }
        }
        return try result.get()
    }

    /// Runs `body` on the store thread and blocks the calling thread until it is done: only
    /// for start-up code that is synchronous by design (the station logins restored while
    /// access control is built), never from a running service. Not from the store thread.
    public func runBlocking<T: Sendable, E: Error>(_ body: @escaping @Sendable (RecordStore) throws(E) -> T) throws(E) -> T {
        precondition(!isCurrent, "runBlocking on the store thread would wait for itself")
        let store = self.store
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T, E>()
        jobs.post {
            box.result = Result { () throws(E) -> T in try body(store) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    /// Queues `body` on the store thread without waiting for it. Order with other calls is
    /// kept, but nothing says when it is on disk: never for an audit entry, which must be
    /// committed before the action it records answers (`run` does that).
    public func post(_ body: @escaping @Sendable (RecordStore) -> Void) {
        let store = self.store
        jobs.post { body(store) }
    }

    private static func startThread(name: String) -> StoreJobQueue {
        let jobs = StoreJobQueue()
        let thread = Thread {
            nameKernelThread(name)
            jobs.runUntilClosed()
        }
        thread.start()
        return jobs
    }
}

/// Gives the calling thread its name as the kernel keeps it (ps -L, top, gdb; 15 bytes at
/// most). On Linux a `Thread.name` set before `start()` does not reliably get there, and the
/// thread would keep its creator's name (a dispatch worker's); Glibc's
/// `pthread_setname_np` is not imported into Swift, so the name is written to the thread's
/// own `comm` file. Failing to name it changes nothing else.
private func nameKernelThread(_ name: String) {
    let fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
    guard fd >= 0 else { return }
    defer { close(fd) }
    let bytes = Array(name.utf8.prefix(15))
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
}

/// The outcome of a `runBlocking` call, handed from the store thread to the waiting one.
private final class ResultBox<T, E: Error>: @unchecked Sendable {
    // @unchecked: written once on the store thread before the semaphore is signalled, read
    // by the waiting thread only after it.
    var result: Result<T, E>?
}
