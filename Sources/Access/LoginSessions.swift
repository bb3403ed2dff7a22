import Crypto
import Foundation

/// The logins of the loopback listener: an opaque random token (the cookie) and a CSRF
/// token per login, each ending after `idle` without a request. Station logins do not
/// idle out: a self-service station has no one to log it in again. They may also come
/// back from the store after a restart (`restore`), by the hash of their token alone.
public struct LoginSessions: Sendable {
    public struct Login: Sendable, Equatable {
        public let principal: Principal
        /// A station's is derived from its token (`stationCSRF`), so the page's copy still
        /// holds after a restart; restored, it is filled in at the first request.
        public internal(set) var csrfToken: String
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
        let csrf = principal.role == .station ? Self.stationCSRF(token) : Self.randomToken()
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
        if login.csrfToken.isEmpty { login.csrfToken = Self.stationCSRF(token) }
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

    /// A station login kept from an earlier run, known by its token's SHA-256 only.
    public mutating func restore(_ principal: Principal, tokenHash: [UInt8], now: ContinuousClock.Instant) {
        guard principal.role == .station, tokenHash.count == 32 else { return }
        logins[Self.key(digest: tokenHash)] = Login(principal: principal, csrfToken: "", lastSeen: now)
    }

    /// Ends every station login; returns how many there were.
    @discardableResult
    public mutating func closeStations() -> Int {
        let before = logins.count
        logins = logins.filter { $0.value.principal.role != .station }
        return before - logins.count
    }

    mutating func expire(now: ContinuousClock.Instant) {
        logins = logins.filter { $0.value.principal.role == .station || now - $0.value.lastSeen <= idle }
    }

    static func key(_ token: String) -> String {
        key(digest: digest(token))
    }

    static func key(digest: [UInt8]) -> String {
        digest.map { String($0, radix: 16) }.joined()
    }

    /// SHA-256 of the token: what the store keeps of a station login.
    public static func digest(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(token.utf8)))
    }

    /// A station's CSRF token, derived from its bearer token under its own label: nothing
    /// stored gives it away (the store has a plain SHA-256 of the token), and it is the same
    /// after a restart, when the page still holds it.
    static func stationCSRF(_ token: String) -> String {
        let bytes = Array(SHA256.hash(data: Array("enrolld-station-csrf-v1:".utf8) + Array(token.utf8)))
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
