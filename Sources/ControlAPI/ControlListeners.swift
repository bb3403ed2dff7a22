import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Where the API listens.
public struct ListenerSettings: Sendable {
    public var socketPath: String
    public var socketMode: UInt32
    public var socketGroup: String
    /// nil disables the loopback listener.
    public var http: (host: String, port: Int)?
    /// A connection with no request in progress (or a request whose head never completes)
    /// is closed after this long: otherwise any local process could hold connections open
    /// until the daemon runs out of file descriptors. Open event streams are not idle.
    public var idleTimeout: Duration
    /// Open connections each listener serves at once; further ones wait in the kernel's
    /// accept queue until one closes. The idle timeout bounds how long a connection stays,
    /// this how many: together they bound the descriptors a local process can take.
    public var maximumConnections: Int

    public init(socketPath: String, socketMode: UInt32, socketGroup: String, http: (host: String, port: Int)?,
                idleTimeout: Duration = .seconds(30), maximumConnections: Int = 64) {
        self.socketPath = socketPath
        self.socketMode = socketMode
        self.socketGroup = socketGroup
        self.http = http
        self.idleTimeout = idleTimeout
        self.maximumConnections = maximumConnections
    }
}

/// The API's listeners as services, each reporting when it is bound and carrying a probe
/// for the watchdog.
public struct ControlListeners: Sendable {
    /// A listener, ready to add to the service group.
    public struct Listener: Sendable {
        public let service: any Service
        public let probe: ListenerProbe
    }

    /// Builds the listeners. `bound(name)` is called once each is accepting connections;
    /// a failure to secure the socket is reported through `failed` and the listener's
    /// event loop is closed for it.
    public static func make(
        settings: ListenerSettings,
        router: ControlRouter,
        logger: Logger,
        bound: @escaping @Sendable (String) async -> Void,
        failed: @escaping @Sendable (ListenerError) async -> Void
    ) throws(ListenerError) -> [Listener] {
        try UnixSocketPermissions.removeStale(at: settings.socketPath)
        var listeners: [Listener] = []
        var logger = logger
        logger.handler = ServerLogFilter(wrapping: logger.handler)
        let idleTimeout = TimeAmount(settings.idleTimeout)

        let socketProbe = ListenerProbe(name: "api.socket")
        let socketApp = Application(
            router: router.socketRouter(),
            server: .http1(configuration: .init(idleTimeout: idleTimeout)),
            configuration: .init(address: .unixDomainSocket(path: settings.socketPath), serverName: nil,
                                 availableConnectionsDelegate: .maximum(settings.maximumConnections, logger: logger)),
            onServerRunning: { channel in
                do throws(ListenerError) {
                    try UnixSocketPermissions.apply(mode: settings.socketMode, group: settings.socketGroup, to: settings.socketPath)
                } catch {
                    // An insecure or unusable socket must not stay open.
                    try? await channel.close()
                    await failed(error)
                    return
                }
                socketProbe.attach(channel.eventLoop)
                await bound(socketProbe.name)
            },
            logger: logger
        )
        listeners.append(Listener(service: socketApp, probe: socketProbe))

        if let http = settings.http {
            let httpProbe = ListenerProbe(name: "api.http")
            let httpApp = Application(
                router: router.loopbackRouter(),
                server: .http1(configuration: .init(idleTimeout: idleTimeout)),
                configuration: .init(address: .hostname(http.host, port: http.port), serverName: nil,
                                     availableConnectionsDelegate: .maximum(settings.maximumConnections, logger: logger)),
                onServerRunning: { channel in
                    httpProbe.attach(channel.eventLoop)
                    await bound(httpProbe.name)
                },
                logger: logger
            )
            listeners.append(Listener(service: httpApp, probe: httpProbe))
        }
        return listeners
    }
}
