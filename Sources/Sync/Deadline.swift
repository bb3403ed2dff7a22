/// An upload that took longer than its whole allowance.
public struct DeadlineExceeded: Error, CustomStringConvertible {
    public let limit: Duration
    public var description: String { "no complete answer within \(limit)" }
}

/// Runs `operation` against one overall deadline, cancelling it when the deadline passes.
/// async-http-client's own deadline stops once the answer's headers have arrived; after
/// that only the gap between two reads is timed, so a server trickling one byte a minute
/// could hold the kiosk's only upload loop for weeks.
func withDeadline<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw DeadlineExceeded(limit: limit) }
        return value
    }
}
