import Access
import HTTPTypes
import Hummingbird

/// Collects routes before the router is built, so the 405 middleware knows them all, and
/// puts every handler behind its access rule: a route cannot be added without saying who
/// may call it, and the access matrix test walks `entries`.
struct Routes {
    /// One route as declared: for the 405 table and the access matrix.
    struct Entry: Sendable {
        let method: HTTPRequest.Method
        let path: String
        let access: RouteAccess
    }

    private var registrations: [(Router<ControlContext>) -> Void] = []
    private var table = RouteTable()
    private(set) var entries: [Entry] = []
    let authenticator: any Authenticating
    /// The loopback listener answers only its own host names (`LoopbackHostMiddleware`).
    var checksLoopbackHost = false

    init(authenticator: any Authenticating = NoAuthentication()) {
        self.authenticator = authenticator
    }

    mutating func add<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String, access: RouteAccess,
        _ handler: @escaping @Sendable (Request, ControlContext) async throws -> Output
    ) {
        let authenticator = self.authenticator
        registrations.append { router in
            router.on(RouterPath(path), method: method) { request, context -> Output in
                var context = context
                context.principal = try await Self.admit(request, context, access, authenticator)
                return try await handler(request, context)
            }
        }
        table.add(method, path)
        entries.append(Entry(method: method, path: path, access: access))
    }

    /// The caller, checked against `access`; throws the refusal the API answers.
    static func admit(_ request: Request, _ context: ControlContext, _ access: RouteAccess, _ authenticator: any Authenticating) async throws(APIProblem) -> Principal? {
        guard case .roles = access else {
            // Public routes still learn who calls when they can (e.g. `/v1/auth/me`), but
            // never fail for it.
            return try? await authenticator.principal(request, context)
        }
        guard let principal = try await authenticator.principal(request, context) else { throw authenticator.anonymousRefusal }
        guard access.admits(principal.role) else {
            throw APIProblem.forbidden("The \(principal.role.rawValue) role may not use \(request.method.rawValue) \(request.uri.path).")
        }
        return principal
    }

    func router() -> Router<ControlContext> {
        let router = Router(context: ControlContext.self, options: .autoGenerateHeadEndpoints)
        if checksLoopbackHost { router.add(middleware: LoopbackHostMiddleware()) }
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: MethodNotAllowedMiddleware(table: table))
        for register in registrations { register(router) }
        return router
    }
}
