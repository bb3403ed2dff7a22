/// The consent text of the configured version in one language, exactly as the page shows
/// it, with the SHA-256 of its UTF-8 bytes (docs/control-api.yaml, `ConsentText`).
public struct ConsentTextView: Codable, Sendable, Equatable {
    public var language: String
    /// Paragraphs separated by blank lines; shown as they are.
    public var text: String
    /// Lowercase hex SHA-256 of `text`'s UTF-8 bytes: what exactly was shown.
    public var sha256: String

    public init(language: String, text: String, sha256: String) {
        self.language = language
        self.text = text
        self.sha256 = sha256
    }
}
