/// A batch refused as a whole: an HTTP status (4xx for the client's input, 503 while the
/// receiver cannot decide) and a short code and message for the JSON body.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: Int
    public let code: String
    public let message: String
    /// What the receiver's own log says beside the answer (a path, a parse error): never
    /// sent to the client.
    public private(set) var detail: String?

    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    func noting(_ detail: String) -> IngestError {
        var noted = self
        noted.detail = detail
        return noted
    }

    public static func malformed(_ message: String) -> IngestError { .init(status: 400, code: "malformed_batch", message: message) }
    public static func forbidden(_ message: String) -> IngestError { .init(status: 403, code: "forbidden", message: message) }

    public var description: String { "\(status) \(code): \(message)" }
}
