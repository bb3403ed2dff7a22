import Access
import Hummingbird

/// Finds out who is calling, per listener: the socket by peer credentials, loopback by
/// login token. nil: no one the API knows.
protocol Authenticating: Sendable {
    func principal(_ request: Request, _ context: ControlContext) async throws(APIProblem) -> Principal?
    /// The answer when `principal` found no one: 401 where logging in would help, 403 where not.
    var anonymousRefusal: APIProblem { get }
}

/// For listeners and tests without access control: nobody is anybody.
struct NoAuthentication: Authenticating {
    func principal(_ request: Request, _ context: ControlContext) async throws(APIProblem) -> Principal? { nil }
    var anonymousRefusal: APIProblem { .unauthenticated }
}
