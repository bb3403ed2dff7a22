import Foundation
import Logging

/// Keeps what a logger was given, so tests can check the catalogued events (MESSAGE_IDs)
/// a reader logs.
final class RecordedLog: @unchecked Sendable {
    // @unchecked: `entries` is only touched under `lock`.
    private let lock = NSLock()
    private var entries: [(level: Logger.Level, message: String, metadata: Logger.Metadata)] = []

    func append(_ level: Logger.Level, _ message: String, _ metadata: Logger.Metadata) {
        lock.withLock { entries.append((level, message, metadata)) }
    }

    /// Messages logged with this MESSAGE_ID.
    func messages(withID id: String) -> [String] {
        lock.withLock { entries.filter { $0.metadata["message.id"] == .string(id) }.map(\.message) }
    }

    func logger(_ label: String) -> Logger {
        Logger(label: label) { _ in RecordingLogHandler(log: self) }
    }
}

struct RecordingLogHandler: LogHandler {
    let log: RecordedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        log.append(level, message.description, self.metadata.merging(metadata ?? [:]) { $1 })
    }
}
