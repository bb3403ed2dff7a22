/// A batch refused as a whole: an HTTP status (always 4xx: hostile input is the client's
/// fault, never the server's) and a short code and message for the JSON body.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: Int
    public let code: String
    public let message: String

    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static func malformed(_ message: String) -> IngestError { .init(status: 400, code: "malformed_batch", message: message) }
    public static func forbidden(_ message: String) -> IngestError { .init(status: 403, code: "forbidden", message: message) }

    public var description: String { "\(status) \(code): \(message)" }
}
