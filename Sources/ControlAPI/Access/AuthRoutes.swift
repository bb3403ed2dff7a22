import Access
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `POST /v1/auth/login`, `POST /v1/auth/logout`, `GET /v1/auth/me` on the loopback listener.
enum AuthRoutes {
    struct LoginBody: Decodable {
        enum Method: String, Decodable { case pin, fingerprint, station }
        var method: Method
        var operatorID: String?
        var pin: String?
        var stationToken: String?
        enum CodingKeys: String, CodingKey { case method, operatorID = "operator_id", pin, stationToken = "station_token" }
    }

    struct PrincipalView: Encodable, ResponseEncodable {
        var id: String
        var role: String
        var via: String
        var idleExpiresInSeconds: Int?
        /// Only from `GET /v1/auth/me`: the page, reloaded, gets its CSRF token back through
        /// its cookie; another site's page cannot read the answer (no CORS).
        var csrfToken: String?
        enum CodingKeys: String, CodingKey { case id, role, via, idleExpiresInSeconds = "idle_expires_in_seconds", csrfToken = "csrf_token" }
    }

    struct LoginResult: Encodable {
        var token: String
        var csrfToken: String
        var principal: PrincipalView
        enum CodingKeys: String, CodingKey { case token, csrfToken = "csrf_token", principal }
    }

    static func add(to routes: inout Routes, access: AccessControl, authenticator: LoopbackAuthenticator) {
        routes.add(.post, "v1/auth/login", access: .public) { request, _ -> Response in
            // No login yet, so no token to check: a fixed custom header instead, which a
            // cross-site form cannot send and a cross-site script cannot without a preflight.
            try authenticator.checkOrigin(request)
            guard request.headers[LoopbackAuthenticator.csrfHeader] == "login" else {
                throw APIProblem.csrf("A login request must carry the header X-CSRF-Token: login.")
            }
            let body = try await JSONBody.decode(LoginBody.self, from: request, keys: ["method", "operator_id", "pin", "station_token"])
            let method = try loginMethod(body)
            let granted: AccessControl.Granted
            do throws(AccessDenied) {
                granted = try await access.login(method)
            } catch {
                throw problem(error)
            }
            let principal = PrincipalView(id: granted.principal.id, role: granted.principal.role.rawValue, via: granted.principal.via.rawValue,
                                          idleExpiresInSeconds: granted.principal.role == .station ? nil : Int(access.settings.idle.components.seconds))
            let result = LoginResult(token: granted.token, csrfToken: granted.csrfToken, principal: principal)
            var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
            headers[.setCookie] = "\(LoopbackAuthenticator.cookieName)=\(granted.token); HttpOnly; SameSite=Strict; Path=/"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(result))))
        }
        // The person chose the PIN after all: the reader stops waiting for their finger.
        // Guarded like the login itself; it answers the same whether a wait was running.
        routes.add(.post, "v1/auth/login/cancel", access: .public) { request, _ -> HTTPResponse.Status in
            try authenticator.checkOrigin(request)
            guard request.headers[LoopbackAuthenticator.csrfHeader] == "login" else {
                throw APIProblem.csrf("This request must carry the header X-CSRF-Token: login.")
            }
            await access.cancelFingerprintLogin()
            return .noContent
        }
        routes.add(.post, "v1/auth/logout", access: .roles(Set(Role.allCases))) { request, _ -> Response in
            if let token = LoopbackAuthenticator.bearerToken(request) ?? request.cookies[LoopbackAuthenticator.cookieName]?.value {
                await access.logout(token)
            }
            var headers = HTTPFields()
            headers[.setCookie] = "\(LoopbackAuthenticator.cookieName)=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"
            return Response(status: .noContent, headers: headers)
        }
        routes.add(.get, "v1/auth/me", access: .roles(Set(Role.allCases))) { request, context -> PrincipalView in
            guard let principal = context.principal else { throw APIProblem.unauthenticated }
            var idle: Int?
            var csrf: String?
            if let token = LoopbackAuthenticator.bearerToken(request) ?? request.cookies[LoopbackAuthenticator.cookieName]?.value,
               let (login, remaining) = await access.authenticate(token) {
                idle = remaining.map { Int($0.components.seconds) }
                csrf = login.csrfToken
            }
            return PrincipalView(id: principal.id, role: principal.role.rawValue, via: principal.via.rawValue, idleExpiresInSeconds: idle, csrfToken: csrf)
        }
    }

    static func loginMethod(_ body: LoginBody) throws(APIProblem) -> AccessControl.Method {
        func bounded(_ value: String?, _ name: String, _ range: ClosedRange<Int>) throws(APIProblem) -> String {
            guard let value, range.contains(value.count) else {
                throw APIProblem.badRequest("\(name) must be \(range.lowerBound)–\(range.upperBound) characters for this login method.")
            }
            return value
        }
        switch body.method {
        case .pin:
            return .pin(operatorID: try bounded(body.operatorID, "operator_id", 1...64), pin: try bounded(body.pin, "pin", 4...32))
        case .fingerprint:
            return .fingerprint(operatorID: body.operatorID == nil ? nil : try bounded(body.operatorID, "operator_id", 1...64))
        case .station:
            return .station(token: try bounded(body.stationToken, "station_token", 1...128))
        }
    }

    static func problem(_ denied: AccessDenied) -> APIProblem {
        var problem = APIProblem(status: denied.status, denied.code.rawValue, denied.description)
        problem.retryAfterSeconds = denied.retryAfterSeconds
        return problem
    }
}
