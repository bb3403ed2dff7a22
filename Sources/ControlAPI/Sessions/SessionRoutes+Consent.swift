import EnrollCore
import HTTPTypes

extension SessionRoutes {
    /// The text a consent answer says was on screen: both `language` and `sha256`, or
    /// neither (whether one is needed is the session manager's to say). A malformed one is
    /// refused here (400): it cannot name any text, so it is not compared.
    static func shownConsent(_ body: ConsentRequest) throws(APIProblem) -> ShownConsent? {
        switch (body.language, body.sha256) {
        case (nil, nil):
            return nil
        case (let language?, let sha256?):
            guard ConsentParts.isSafeName(language) else {
                throw APIProblem.badRequest("language must be a language code of the kiosk page (letters, digits, '.', '_', '-', 1–64).")
            }
            guard let shown = ShownConsent(language: language, sha256: sha256) else {
                throw APIProblem.badRequest("sha256 must be the text's SHA-256 as the session gave it: 64 lowercase hex digits.")
            }
            return shown
        default:
            throw APIProblem.badRequest("language and sha256 name the text shown together: send both or neither.")
        }
    }
}

extension APIProblem {
    /// The answer named a text the daemon does not serve now in that language: edited
    /// since the page loaded it, cached, or another language's. The page loads the text
    /// again and asks again; nothing is recorded.
    public static let consentTextChanged = APIProblem(.conflict, "consent_text_changed",
                                                      "The consent text shown is not the current one; show the current text and ask again.")
    /// Texts are served, but the answer did not say which one was shown (a page older
    /// than this check, or a client that never showed one): well-formed, but it cannot be
    /// taken while the daemon serves texts; the same reaction as a changed text fits.
    public static let consentTextUnnamed = APIProblem(.conflict, "consent_text_changed",
                                                      "The answer does not name the consent text shown (language and sha256 from the session's consent_texts); show the current text and ask again.")
}
