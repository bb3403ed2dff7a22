import Access
import Foundation

/// What the routers need for sessions, logins and operators; all optional, so a router
/// without them serves the status API alone (as before sessions existed).
public struct AccessParts: Sendable {
    public var socketPeers: SocketPeerMap
    /// Loopback logins; nil: no login, so every role-restricted route answers 401.
    public var control: AccessControl?
    public var sessions: (any SessionOperations)?
    public var operators: (any OperatorOperations)?
    /// The loopback listener's port, for the `Origin` check.
    public var httpPort: Int

    public init(socketPeers: SocketPeerMap = SocketPeerMap(rules: [], ownUID: UInt32(getuid())), control: AccessControl? = nil,
                sessions: (any SessionOperations)? = nil, operators: (any OperatorOperations)? = nil, httpPort: Int = 8470) {
        self.socketPeers = socketPeers
        self.control = control
        self.sessions = sessions
        self.operators = operators
        self.httpPort = httpPort
    }
}
