import Crypto
import Foundation

/// The logins of the loopback listener: an opaque random token (the cookie) and a CSRF
/// token per login, each ending after `idle` without a request. Station logins do not
/// idle out: a self-service station has no one to log it in again.
public struct LoginSessions: Sendable {
    public struct Login: Sendable, Equatable {
        public let principal: Principal
        public let csrfToken: String
        public var lastSeen: ContinuousClock.Instant
    }

    public let idle: Duration
    /// Keyed by SHA-256 of the token, so a memory dump shows no usable token.
    private var logins: [String: Login] = [:]
    static let maximumLogins = 256

    public init(idle: Duration) {
        self.idle = idle
    }

    /// A new login; returns the token and the CSRF token.
    public mutating func open(_ principal: Principal, now: ContinuousClock.Instant) -> (token: String, csrf: String) {
        expire(now: now)
        if logins.count >= Self.maximumLogins, let oldest = logins.min(by: { $0.value.lastSeen < $1.value.lastSeen })?.key {
            logins[oldest] = nil
        }
        let token = Self.randomToken()
        let csrf = Self.randomToken()
        logins[Self.key(token)] = Login(principal: principal, csrfToken: csrf, lastSeen: now)
        return (token, csrf)
    }

    /// The login for `token`, refreshed, or nil when unknown or idle too long.
    public mutating func touch(_ token: String, now: ContinuousClock.Instant) -> Login? {
        let key = Self.key(token)
        guard var login = logins[key] else { return nil }
        if login.principal.role != .station, now - login.lastSeen > idle {
            logins[key] = nil
            return nil
        }
        login.lastSeen = now
        logins[key] = login
        return login
    }

    /// Seconds until `login` idles out, or nil for a station.
    public func remaining(_ login: Login, now: ContinuousClock.Instant) -> Duration? {
        login.principal.role == .station ? nil : max(.zero, idle - (now - login.lastSeen))
    }

    public mutating func close(_ token: String) {
        logins[Self.key(token)] = nil
    }

    /// Ends every login of `operatorID` (account removed or its role changed).
    public mutating func close(operatorID: String) {
        logins = logins.filter { $0.value.principal.id != operatorID || $0.value.principal.role == .station }
    }

    mutating func expire(now: ContinuousClock.Instant) {
        logins = logins.filter { $0.value.principal.role == .station || now - $0.value.lastSeen <= idle }
    }

    static func key(_ token: String) -> String {
        SHA256.hash(data: Array(token.utf8)).map { String($0, radix: 16) }.joined()
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
