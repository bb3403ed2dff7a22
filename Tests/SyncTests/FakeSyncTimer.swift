import Synchronization
import Sync

/// Virtual time for the uploader: a sleep advances the clock by its length at once (after
/// a real millisecond, to let other tasks run), so an hour of back-off passes in seconds.
final class FakeSyncTimer: SyncTimer {
    private let state = Mutex<(now: Int64, sleeps: [Int64])>((1_780_000_000_000, []))

    func now() -> Int64 { state.withLock { $0.now } }

    func sleep(milliseconds: Int64) async throws {
        try await Task.sleep(for: .milliseconds(1))
        state.withLock { $0.now += milliseconds; $0.sleeps.append(milliseconds) }
    }

    var sleeps: [Int64] { state.withLock { $0.sleeps } }
}
