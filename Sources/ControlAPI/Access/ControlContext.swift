import Access
import Hummingbird
import NIOCore

/// The request context of both listeners: Hummingbird's core plus the connection's channel
/// (the socket listener reads the peer's credentials from it) and, once checked, the caller.
public struct ControlContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// nil only in router tests without a connection.
    public let channel: (any Channel)?
    /// Set by `Routes` before a role-restricted handler runs.
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
        principal = nil
    }
}
