/// One problem in a configuration file, pointing at the line and key, saying what was
/// expected and what was found, e.g.
/// `/etc/enrolld/enrolld.yaml:7:14: api.http_port: expected an integer from 1 to 65535, found 70000`.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let column: Int?
    /// Dotted key path such as `api.http_port`; empty for whole-file problems.
    public let key: String
    public let problem: String

    public init(file: String, line: Int?, column: Int?, key: String, problem: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.problem = problem
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return key.isEmpty ? "\(location): \(problem)" : "\(location): \(key): \(problem)"
    }
}

/// All problems found in one file: the loader reports every one, not just the first, so a
/// technician fixes the file in one pass.
public struct ConfigurationErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public let errors: [ConfigurationError]

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
