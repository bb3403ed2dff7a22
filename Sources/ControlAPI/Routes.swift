import HTTPTypes
import Hummingbird

/// Collects routes before the router is built, so the 405 middleware knows them all.
struct Routes {
    private var registrations: [(Router<BasicRequestContext>) -> Void] = []
    private var table = RouteTable()

    mutating func add<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Output
    ) {
        registrations.append { router in router.on(RouterPath(path), method: method, use: handler) }
        table.add(method, path)
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: MethodNotAllowedMiddleware(table: table))
        for register in registrations { register(router) }
        return router
    }
}
