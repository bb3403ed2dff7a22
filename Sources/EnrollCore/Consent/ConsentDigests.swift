/// The consent texts a daemon serves now, by language, as their digests: what a "yes"
/// must name. One version at a time (the configured one); its texts are composed for the
/// policy, so the digest covers the capture paragraphs the person read too.
public struct ConsentDigests: Sendable, Equatable {
    /// The digest of the text served in each language.
    public let byLanguage: [String: String]

    public init(byLanguage: [String: String]) {
        self.byLanguage = byLanguage
    }

    /// How a consent answer's `shown` text compares with what is served.
    public enum Verdict: Sendable, Equatable {
        /// It names the text served in its language.
        case current(ShownConsent)
        /// Nothing is served (no kiosk page, so no language is offered) and nothing was
        /// named: the version alone stands for the words, as before texts were served.
        case versionOnly
        /// Texts are served but the answer names none: it cannot show what was agreed to.
        case missing
        /// It names a text that is not served now in that language: edited since, cached,
        /// another language's, or a language not offered.
        case notCurrent
    }

    public func check(_ shown: ShownConsent?) -> Verdict {
        guard let shown else { return byLanguage.isEmpty ? .versionOnly : .missing }
        return byLanguage[shown.language] == shown.sha256 ? .current(shown) : .notCurrent
    }
}
