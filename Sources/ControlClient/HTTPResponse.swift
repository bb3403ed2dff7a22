/// A response from the daemon's API.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var reason: String
    /// Header names lower-cased; a repeated header keeps its last value.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, reason: String, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }
}
