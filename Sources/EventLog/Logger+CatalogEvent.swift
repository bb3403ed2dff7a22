import Logging

/// Metadata keys with a meaning across enrolld. Dotted, as swift-log convention has it;
/// the journal handler turns them into `ENROLLD_…` fields.
///
/// Never put a subject's name, identifiers, images or templates in metadata: the journal
/// is readable by technicians, who must see no personal data.
public enum LogKey {
    /// The journal `MESSAGE_ID` of a catalogued event; set by `Logger.log(_:_:)`.
    public static let messageID = "message.id"
    /// A reader's or camera's stable id → `ENROLLD_DEVICE`.
    public static let device = "device.id"
    /// An enrollment session id (random, not the subject's) → `ENROLLD_SESSION`.
    public static let session = "session.id"
    /// A record id (random UUIDv7, not the subject's) → `ENROLLD_RECORD`.
    public static let record = "record.id"
    /// An error's description → `ENROLLD_ERROR`.
    public static let error = "error"
    /// A file system path the event concerns → `ENROLLD_PATH`.
    public static let path = "path"
}

extension Logger {
    /// Logs a catalogued event at its own level, tagged with its `MESSAGE_ID`.
    public func log(
        _ event: CatalogEvent,
        _ message: @autoclosure () -> Logger.Message,
        metadata: @autoclosure () -> Logger.Metadata = [:],
        file: String = #fileID, function: String = #function, line: UInt = #line
    ) {
        var fields = metadata()
        fields[LogKey.messageID] = .string(event.messageID)
        log(level: event.level, message(), metadata: fields, file: file, function: function, line: line)
    }
}
