import Access
import Foundation
import HTTPTypes
import Hummingbird

/// The loopback listener: the login token from `Authorization: Bearer` or the
/// `enrolld_session` cookie (never from the URL). A state-changing request that relies on
/// the cookie must carry the login's CSRF token in `X-CSRF-Token`; an `Origin` header, when
/// present, must be this listener's own.
struct LoopbackAuthenticator: Authenticating {
    static let cookieName = "enrolld_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    let access: AccessControl
    let origins: Set<String>

    func principal(_ request: Request, _ context: ControlContext) async throws(APIProblem) -> Principal? {
        let changesState = ![.get, .head, .options].contains(request.method)
        if changesState { try checkOrigin(request) }
        let bearer = Self.bearerToken(request)
        let cookie = request.cookies[Self.cookieName]?.value
        guard let token = bearer ?? cookie, !token.isEmpty else { return nil }
        guard let (login, _) = await access.authenticate(token) else { return nil }
        // Both given: both must be this login. A stale or forged second credential is
        // refused rather than silently ignored.
        if bearer != nil, let cookie, cookie != token {
            guard let (other, _) = await access.authenticate(cookie), other.principal == login.principal else { return nil }
        }
        if changesState, bearer == nil {
            let sent = request.headers[Self.csrfHeader] ?? ""
            guard PINHasher.constantTimeEqual(Array(sent.utf8), Array(login.csrfToken.utf8)) else {
                throw APIProblem.csrf("A request made with the login cookie must carry the login's X-CSRF-Token.")
            }
        }
        return login.principal
    }

    var anonymousRefusal: APIProblem { .unauthenticated }

    func checkOrigin(_ request: Request) throws(APIProblem) {
        if let origin = request.headers[.origin], !origins.contains(origin) {
            throw APIProblem.csrf("Requests from \(origin.prefix(80)) are not accepted; only the kiosk page may call the API.")
        }
    }

    static func bearerToken(_ request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }

    /// The origins of a listener on `port`, as a browser on this machine sends them.
    static func origins(port: Int) -> Set<String> {
        ["http://127.0.0.1:\(port)", "http://localhost:\(port)", "http://[::1]:\(port)"]
    }
}
