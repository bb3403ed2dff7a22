import Logging

/// A swift-log handler that writes native journal entries: `PRIORITY`, `SYSLOG_IDENTIFIER`,
/// `MESSAGE_ID` for catalogued events, `CODE_*`, and one `ENROLLD_…` field per metadata key,
/// so `journalctl -u enrolld ENROLLD_DEVICE=…` finds one reader's history.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public var metadataProvider: Logger.MetadataProvider?

    private let label: String
    private let identifier: String
    private let sender: UnixDatagramSender
    private let fallback: StderrLogHandler

    /// - Parameters:
    ///   - socketPath: journald's socket, `/run/systemd/journal/socket` on a real system.
    ///   - identifier: `SYSLOG_IDENTIFIER`, the name `journalctl -t` filters by.
    public init(label: String, identifier: String, socketPath: String, level: Logger.Level) {
        self.label = label
        self.identifier = identifier
        self.sender = UnixDatagramSender(path: socketPath)
        self.logLevel = level
        self.fallback = StderrLogHandler(label: label, level: level)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var entry = JournalEntry()
        entry.append("MESSAGE", event.message.description)
        entry.append("PRIORITY", String(JournalFields.priority(event.level)))
        entry.append("SYSLOG_IDENTIFIER", identifier)
        entry.append("ENROLLD_LOGGER", label)
        entry.append("CODE_FILE", event.file)
        entry.append("CODE_LINE", String(event.line))
        entry.append("CODE_FUNC", event.function)
        let all = JournalFields.merged(metadata, metadataProvider, event.metadata)
        for (key, value) in all.sorted(by: { $0.key < $1.key }) {
            entry.append(JournalFields.fieldName(forMetadataKey: key), JournalFields.text(value))
        }
        do {
            try sender.send(entry.serialized())
        } catch {
            // journald gone or the entry too large for one datagram (EMSGSIZE): the line
            // still reaches stderr, which systemd also connects to the journal.
            fallback.log(event: event)
        }
    }
}
