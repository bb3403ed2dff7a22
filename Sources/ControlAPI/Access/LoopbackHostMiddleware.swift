import HTTPTypes
import Hummingbird

/// DNS rebinding: a page from another site, opened in the kiosk's browser, can point its
/// own host name at 127.0.0.1 and then read whatever the loopback listener answers without
/// a login (status, queue, device key, metrics). The browser still sends that site's name
/// as Host, so only the kiosk's own names are answered (with any port: the name is what a
/// rebinding page cannot fake); everything else gets 421.
struct LoopbackHostMiddleware<Context: RequestContext>: RouterMiddleware {
    static var names: Set<String> { ["127.0.0.1", "localhost", "[::1]"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.answers(request.head.authority) else {
            throw APIProblem(.misdirectedRequest, "wrong_host",
                             "This listener answers only requests addressed to the kiosk itself (127.0.0.1, localhost or [::1]).")
        }
        return try await next(request, context)
    }

    static func answers(_ authority: String?) -> Bool {
        guard let authority else { return false }
        return names.contains(hostName(authority).lowercased())
    }

    /// `host`, `host:port`, `[v6]` or `[v6]:port` → the host part.
    static func hostName(_ authority: String) -> String {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") { return String(authority[...end]) }
        return String(authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
