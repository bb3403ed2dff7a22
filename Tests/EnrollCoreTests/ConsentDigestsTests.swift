import EnrollCore
import Testing

/// The check a consent "yes" passes: it names the text served now in its language.
@Suite struct ConsentDigestsTests {
    static let en = String(repeating: "ab", count: 32)
    static let fa = String(repeating: "0f", count: 32)
    let served = ConsentDigests(byLanguage: ["en": en, "fa": fa])

    @Test func theTextServedInItsLanguageIsCurrent() throws {
        let shown = try #require(ShownConsent(language: "fa", sha256: Self.fa))
        #expect(served.check(shown) == .current(shown))
    }

    @Test func anotherLanguagesDigestIsNotCurrent() throws {
        #expect(served.check(try #require(ShownConsent(language: "en", sha256: Self.fa))) == .notCurrent)
        #expect(served.check(try #require(ShownConsent(language: "fa", sha256: Self.en))) == .notCurrent)
    }

    /// A text edited since the page loaded it: same language, other words, other digest.
    @Test func anOlderTextsDigestIsNotCurrent() throws {
        let older = String(Self.en.dropLast()) + "c"
        #expect(served.check(try #require(ShownConsent(language: "en", sha256: older))) == .notCurrent)
    }

    @Test func aLanguageNotOfferedIsNotCurrent() throws {
        #expect(served.check(try #require(ShownConsent(language: "de", sha256: Self.en))) == .notCurrent)
    }

    @Test func namingNoTextIsMissingWhileTextsAreServed() {
        #expect(served.check(nil) == .missing)
    }

    /// No kiosk page, no texts: the version alone, as before; a digest can name nothing.
    @Test func withoutServedTextsOnlyTheVersionCounts() throws {
        let none = ConsentDigests(byLanguage: [:])
        #expect(none.check(nil) == .versionOnly)
        #expect(none.check(try #require(ShownConsent(language: "en", sha256: Self.en))) == .notCurrent)
    }

    @Test(arguments: [
        "",                                                     // empty
        String(repeating: "a", count: 63),                      // one short
        String(repeating: "a", count: 65),                      // one long
        String(repeating: "a", count: 128),                     // two digests
        String(repeating: "AB", count: 32),                     // upper case: not what was served
        String(repeating: "g", count: 64),                      // not hex
        String(repeating: "a", count: 63) + " ",                // padded
        String(repeating: "a", count: 63) + "\u{0}",            // NUL
        String(repeating: "é", count: 32),                      // 64 bytes, not 64 characters
        String(repeating: "٠", count: 64),                      // Arabic-Indic digits
        String(repeating: "a", count: 62) + "\u{301}",          // a combining mark
    ])
    func aMalformedDigestNamesNoText(digest: String) {
        #expect(!ShownConsent.isDigest(digest))
        #expect(ShownConsent(language: "en", sha256: digest) == nil)
    }

    @Test(arguments: ["", ".", "..", "../en", "en/", "e n", "en\u{0}", ".hidden", String(repeating: "x", count: 65), "فا"])
    func aMalformedLanguageNamesNoText(language: String) {
        #expect(ShownConsent(language: language, sha256: Self.en) == nil)
    }

    @Test func aWellFormedAnswerKeepsWhatItNamed() throws {
        let shown = try #require(ShownConsent(language: "en", sha256: Self.en))
        #expect(shown.language == "en" && shown.sha256 == Self.en)
    }
}
