import HTTPTypes
import Hummingbird

/// Answers 405 with `Allow` when the path exists but not for this method.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let allowed = table.methods(for: request.uri.path), !allowed.contains(request.method.rawValue) {
            var headers = HTTPFields()
            headers[.allow] = allowed.sorted().joined(separator: ", ")
            return Response(status: .methodNotAllowed, headers: headers)
        }
        return try await next(request, context)
    }
}
