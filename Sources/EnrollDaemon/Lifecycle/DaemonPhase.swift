import EnrollCore
import Synchronization

/// The daemon's phase, shared by the notify service (which moves it) and the status
/// endpoint (which reports it).
public final class DaemonPhase: Sendable {
    private let value = Mutex(DaemonStatus.Phase.starting)

    public init() {}

    public func set(_ phase: DaemonStatus.Phase) { value.withLock { $0 = phase } }
    public var current: DaemonStatus.Phase { value.withLock { $0 } }
}
