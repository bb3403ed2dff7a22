/// Why the CLI could not get an answer: a sentence for the technician, and a kind for
/// callers that act differently (e.g. exit codes).
public struct ClientError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        case notRunning, permission, connect, timeout, badResponse
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
