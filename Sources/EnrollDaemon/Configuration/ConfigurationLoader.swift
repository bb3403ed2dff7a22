import Foundation
import Logging
import Yams

/// Reads and validates the configuration file.
public enum ConfigurationLoader {
    /// Larger files are refused before parsing: the real one is a few KiB, and a huge
    /// file (or an alias bomb) must not exhaust the kiosk's memory.
    public static let maximumFileSize = 1 << 20

    /// Where a configuration came from.
    public enum Source: Sendable, Equatable {
        /// The file and the bytes the configuration was parsed from, so the diagnostics
        /// bundle shows what the daemon runs on without reading (or racing an edit of) it again.
        case file(String, bytes: Data)
        /// No file at that path: built-in defaults apply.
        case defaults(missing: String)
    }

    /// Loads `path`; a missing file means defaults, never a failure.
    public static func load(path: String) throws(ConfigurationErrors) -> (DaemonConfiguration, Source) {
        guard FileManager.default.fileExists(atPath: path) else {
            return (DaemonConfiguration(), .defaults(missing: path))
        }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationErrors(errors: [.init(file: path, line: nil, column: nil, key: "", problem: "cannot be read: \(error.localizedDescription)")])
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return (try parse(bytes, file: path, relativeTo: base), .file(path, bytes: bytes))
    }

    /// Parses and validates `bytes`. Relative paths in the file are taken relative to
    /// `base`, the folder of the file, so a file means the same from any working directory.
    public static func parse(_ bytes: Data, file: String, relativeTo base: String) throws(ConfigurationErrors) -> DaemonConfiguration {
        func whole(_ problem: String) -> ConfigurationErrors {
            ConfigurationErrors(errors: [.init(file: file, line: nil, column: nil, key: "", problem: problem)])
        }
        guard bytes.count <= maximumFileSize else {
            throw whole("is \(bytes.count) bytes; the limit is \(maximumFileSize) bytes")
        }
        guard let text = String(data: bytes, encoding: .utf8) else { throw whole("is not UTF-8 text") }
        let document: Node?
        do {
            document = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationErrors(errors: [syntaxError(error, file: file)])
        } catch {
            throw whole("cannot be parsed: \(error)")
        }
        let reader = ConfigurationReader(file: file)
        let configuration = DaemonConfigurationSchema.read(document, reader: reader, base: base)
        guard reader.errors.isEmpty else { throw ConfigurationErrors(errors: reader.errors) }
        return configuration
    }

    private static func syntaxError(_ error: YamlError, file: String) -> ConfigurationError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .init(file: file, line: mark.line, column: mark.column, key: "", problem: "syntax error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams refuses these while composing, before our own walk sees the mapping.
            return .init(file: file, line: context.mark.line, column: context.mark.column, key: "",
                         problem: "duplicate key \(duplicates.sorted().joined(separator: ", ")) in the mapping starting here")
        default:
            return .init(file: file, line: nil, column: nil, key: "", problem: "syntax error: \(error)")
        }
    }
}
