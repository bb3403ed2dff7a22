import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An error answer of the session, access and operator routes: JSON with a stable code and
/// a plain sentence (docs/control-api.yaml, `Problem`). Never personal data.
public struct APIProblem: HTTPResponseError, Sendable, CustomStringConvertible {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    public var sessionID: String?
    public var retryAfterSeconds: Int?

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public init(status: Int, _ code: String, _ message: String) {
        self.init(HTTPResponse.Status(code: status), code, message)
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body: [String: AnyEncodable] = ["error": .init(code), "message": .init(message)]
        if let sessionID { body["session_id"] = .init(sessionID) }
        if let retryAfterSeconds { body["retry_after_seconds"] = .init(retryAfterSeconds) }
        let data = try JSONEncoder().encode(body)
        var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "no-store"]
        if let retryAfterSeconds { headers[.retryAfter] = "\(retryAfterSeconds)" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static let unauthenticated = APIProblem(.unauthorized, "unauthenticated", "Please log in (or the login expired).")
    static func forbidden(_ why: String = "Your role may not do this.") -> APIProblem { APIProblem(.forbidden, "forbidden", why) }
    static func csrf(_ why: String) -> APIProblem { APIProblem(.forbidden, "csrf", why) }
    static func badRequest(_ why: String) -> APIProblem { APIProblem(.badRequest, "bad_request", why) }
}

/// Just enough type erasure to encode a small mixed dictionary.
struct AnyEncodable: Encodable, Sendable {
    private let encodeValue: @Sendable (any Encoder) throws -> Void
    init<T: Encodable & Sendable>(_ value: T) { encodeValue = { try value.encode(to: $0) } }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}
