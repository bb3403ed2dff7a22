import NIOCore
import Synchronization

/// Proves a listener's event loop still runs jobs: the watchdog asks it before each ping.
public final class ListenerProbe: Sendable {
    /// e.g. `api.socket`.
    public let name: String
    private let loop = Mutex<(any EventLoop)?>(nil)

    public init(name: String) {
        self.name = name
    }

    /// Called when the listener is bound.
    func attach(_ eventLoop: any EventLoop) {
        loop.withLock { $0 = eventLoop }
    }

    /// Runs a no-op on the listener's event loop; throws before the listener is bound.
    public func probe() async throws {
        guard let eventLoop = loop.withLock({ $0 }) else { throw ProbeError.notBound }
        try await eventLoop.submit {}.get()
    }

    enum ProbeError: Error { case notBound }
}
