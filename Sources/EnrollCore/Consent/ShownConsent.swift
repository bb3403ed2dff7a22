/// What a consent answer says was shown: the language of the text on screen and the SHA-256
/// of exactly those words, as the daemon served them (`consent_texts`). The daemon takes a
/// "yes" only when this names the text it serves now, so the consent it records is to
/// words the person saw, not to a text edited or cached since the page loaded it.
public struct ShownConsent: Sendable, Equatable {
    /// The kiosk page's language code (`fa`, `en`).
    public let language: String
    /// Lowercase hex SHA-256 of the text's UTF-8 bytes.
    public let sha256: String

    /// Nil unless `language` may name a language (`ConsentParts.isSafeName`) and `sha256` is
    /// 64 lowercase hex digits: anything else cannot name a text the daemon serves, and is
    /// refused as a malformed request rather than compared.
    public init?(language: String, sha256: String) {
        guard ConsentParts.isSafeName(language), Self.isDigest(sha256) else { return nil }
        self.language = language
        self.sha256 = sha256
    }

    /// Exactly 64 characters `0-9a-f`: the form the daemon serves. Upper case is refused
    /// too; the page echoes what it got, so another spelling means it did not.
    public static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }
}
