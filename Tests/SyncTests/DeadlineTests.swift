@testable import Sync
import Synchronization
import Testing

/// One deadline over the whole upload: an answer that never completes is given up, and the
/// operation is cancelled, not left running; a quick one passes through untouched.
@Suite struct DeadlineTests {
    @Test func aTrickleThatNeverEndsIsCutOffAndCancelled() async throws {
        let cancelled = Mutex(false)
        await #expect(throws: DeadlineExceeded.self) {
            _ = try await withDeadline(.milliseconds(200)) { () async throws -> Int in
                // Stands in for a body that arrives a byte a minute: each wait is short of
                // any read time-out, the whole never ends.
                do {
                    while true { try await Task.sleep(for: .seconds(1)) }
                } catch {
                    cancelled.withLock { $0 = true }
                    throw error
                }
            }
        }
        #expect(cancelled.withLock { $0 }, "the slow operation was cancelled, not abandoned")
    }

    @Test func anAnswerInTimeAndItsErrorsPassThrough() async throws {
        #expect(try await withDeadline(.seconds(30)) { 42 } == 42)
        struct Refused: Error {}
        await #expect(throws: Refused.self) { _ = try await withDeadline(.seconds(30)) { () async throws -> Int in throw Refused() } }
    }
}
