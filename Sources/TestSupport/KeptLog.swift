import Foundation
import Logging

/// A log handler that keeps every entry, so a test can check what the daemon would have
/// journalled: the catalogued events (by MESSAGE_ID), their messages and their metadata.
/// One instance collects for every logger made from it.
public final class KeptLog: LogHandler, @unchecked Sendable {
    public struct Entry: Sendable {
        public let level: Logger.Level
        public let message: String
        public let metadata: Logger.Metadata
        /// The catalog MESSAGE_ID, when the entry is a catalogued event.
        public var id: String? {
            if case .string(let id)? = metadata["message.id"] { return id }
            return nil
        }
    }

    // @unchecked: `stored` is only touched under `lock`; `metadata` and `logLevel` are
    // the handler's own settings, set before logging starts.
    private let lock = NSLock()
    private var stored: [Entry] = []
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .trace

    public init() {}

    /// A logger whose entries this log keeps.
    public func logger(_ label: String) -> Logger {
        Logger(label: label) { _ in self }
    }

    public var entries: [Entry] { lock.withLock { stored } }
    public var messages: [String] { entries.map(\.message) }
    /// The MESSAGE_IDs of the catalogued entries, in order.
    public var messageIDs: [String] { entries.compactMap(\.id) }

    /// Messages logged with this MESSAGE_ID.
    public func messages(withID id: String) -> [String] {
        entries.filter { $0.id == id }.map(\.message)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let entry = Entry(level: event.level, message: event.message.description, metadata: metadata.merging(event.metadata ?? [:]) { $1 })
        lock.withLock { stored.append(entry) }
    }
}
