import HTTPTypes
import Hummingbird
import NIOCore

/// Serves the kiosk UI on the loopback listener. It sits last in the router's chain, so it
/// sees only requests no API route took: `/v1/…` and `/metrics` keep their own 404s, and
/// any other path is a kiosk file or a 404, with the kiosk's security headers either way.
struct KioskFileMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The loaded UI, or why there is none (the page then says so).
    let assets: Result<KioskAssets, KioskAssetsError>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if path == "/metrics" || path == "/v1" || path.hasPrefix("/v1/") {
            return try await next(request, context)
        }
        guard request.method == .get || request.method == .head else {
            var fields = KioskHeaders.fields(contentType: "text/plain; charset=utf-8")
            fields[.allow] = "GET, HEAD"
            return Response(status: .methodNotAllowed, headers: fields)
        }
        let head = request.method == .head
        switch assets {
        case .failure:
            // The technician finds the reason in the journal; the screen says whom to call.
            return Self.page(.serviceUnavailable, KioskUnavailablePage.html, head: head)
        case .success(let assets):
            guard let key = KioskRequestPath.key(path), let asset = assets.asset(key) else {
                return Self.page(.notFound, "Not found\n", type: "text/plain; charset=utf-8", head: head)
            }
            var fields = KioskHeaders.fields(contentType: asset.contentType)
            fields[.contentLength] = String(asset.body.readableBytes)
            return Response(status: .ok, headers: fields, body: head ? .init() : .init(byteBuffer: asset.body))
        }
    }

    private static func page(
        _ status: HTTPResponse.Status, _ text: String, type: String = "text/html; charset=utf-8", head: Bool
    ) -> Response {
        let body = ByteBuffer(string: text)
        var fields = KioskHeaders.fields(contentType: type)
        fields[.contentLength] = String(body.readableBytes)
        return Response(status: status, headers: fields, body: head ? .init() : .init(byteBuffer: body))
    }
}
