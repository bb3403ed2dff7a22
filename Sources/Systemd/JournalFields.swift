import EventLog
import Logging

/// How a log call becomes journal fields: the mapping is shared by the journal handler
/// and the stderr fallback, so both show the same facts.
enum JournalFields {
    /// syslog priority for a swift-log level (`PRIORITY=`, and the `<N>` stderr prefix).
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// `device.id` → `ENROLLD_DEVICE`, `session.id` → `ENROLLD_SESSION`,
    /// `watchdog.stalled` → `ENROLLD_WATCHDOG_STALLED`: a trailing `.id` is implied by the
    /// field's meaning, other separators become `_`.
    static func fieldName(forMetadataKey key: String) -> String {
        if key == LogKey.messageID { return "MESSAGE_ID" }
        var base = Substring(key)
        if base.hasSuffix(".id") { base = base.dropLast(3) }
        let upper = base.uppercased().map { character -> Character in
            character.isASCII && (character.isLetter || character.isNumber) ? character : "_"
        }
        return "ENROLLD_" + String(upper)
    }

    /// Flattens a metadata value into the single string a journal field holds.
    static func text(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(text).joined(separator: ",")
        case .dictionary(let values): values.sorted { $0.key < $1.key }.map { "\($0.key)=\(text($0.value))" }.joined(separator: ",")
        }
    }

    /// Merges handler, call and provider metadata, in rising precedence.
    static func merged(
        _ handler: Logger.Metadata, _ provider: Logger.MetadataProvider?, _ call: Logger.Metadata?
    ) -> Logger.Metadata {
        var all = handler
        if let provided = provider?.get() { all.merge(provided) { $1 } }
        if let call { all.merge(call) { $1 } }
        return all
    }
}
