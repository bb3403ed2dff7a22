#if canImport(Glibc)
import Glibc
#endif
import NIOCore

extension ListenerError {
    /// A listener that could not bind its address, said for a technician: the server's own
    /// error ("bind(descriptor:ptr:bytes:): Address already in use (errno: 98)") names no
    /// port and no key. Nil for any other error.
    public static func bindFailure(_ error: any Error, settings: ListenerSettings) -> ListenerError? {
        guard let io = error as? IOError, "\(io)".contains("bind") else { return nil }
        let port = settings.http.map { "\($0.host):\($0.port) (api.http_port)" } ?? "the loopback port (api.http_port)"
        switch io.errnoCode {
        case EADDRINUSE:
            return ListenerError("the kiosk page's port \(port) or the API socket \(settings.socketPath) (api.socket) is taken by another program: find it with `ss -ltnpx`, stop it or change the key")
        case EACCES:
            return ListenerError("binding \(port) or \(settings.socketPath) (api.socket) was not permitted: ports below 1024 need a privilege enrolld does not have; use a port above 1024")
        case EADDRNOTAVAIL:
            return ListenerError("the address \(port) is not on this machine")
        default:
            return ListenerError("the kiosk page's port \(port) or the API socket \(settings.socketPath) could not be bound: \(io)")
        }
    }
}
