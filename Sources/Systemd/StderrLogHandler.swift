#if canImport(Glibc)
import Glibc
#endif
import Logging
import Synchronization

/// Writes one line per entry to stderr with a `<N>` syslog priority prefix, which journald
/// parses when stderr is a journal stream (`SyslogLevelPrefix=`), and which a terminal
/// user can read: the fallback when no journal socket is there, and the demo's output.
public struct StderrLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String

    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let all = JournalFields.merged(metadata, metadataProvider, event.metadata)
        let line = Self.line(level: event.level, label: label, message: event.message.description, metadata: all)
        StderrWriter.shared.write(line)
    }

    /// `<5>enrolld.api: listening key=value …` — the message on one line, so one event is
    /// one journal entry even when a message carries a newline.
    static func line(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        let flat = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        let fields = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\(JournalFields.text($0.value))" }
        let tail = fields.isEmpty ? "" : " " + fields.joined(separator: " ")
        return "<\(JournalFields.priority(level))>\(label): \(flat)\(tail)\n"
    }
}

/// Serialises writes so lines from concurrent tasks never interleave.
final class StderrWriter: Sendable {
    static let shared = StderrWriter()
    private let lock = Mutex(())

    func write(_ line: String) {
        lock.withLock { _ in
            var bytes = Array(line.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + offset, $0.count - offset) }
                if written > 0 { offset += written } else if errno != EINTR { return }
            }
        }
    }
}
