import Access
import ControlAPI
import EnrollCore

/// The consent answer. A "yes" is taken only to the text the daemon serves now, named by
/// the answer (language and SHA-256), and only once its audit entry, naming the version,
/// language and digest, is on disk: that entry is what proves later which words the person
/// agreed to (the record itself keeps only the version; see README "Consent texts").
extension SessionManager {
    func consent(_ id: String, version: String, shown: ShownConsent?, accepted: Bool, byGuardian: Bool,
                 by caller: Principal) async throws(APIProblem) -> SessionView {
        let current = try owned(id, caller)
        let event: SessionEvent = byGuardian ? .guardianConsent(version: version, accepted: accepted) : .consent(version: version, accepted: accepted)
        // A "no" stands whatever text was on screen: nobody is made to read again to refuse.
        // The session's end is audited as every end is.
        guard accepted else {
            try await apply(event)
            return lastView(id)
        }
        // At another step or for another version the state machine's refusal says more
        // (wrong_step, consent_version); it comes from applyAudited before any entry.
        var named: ShownConsent?
        if current.session.step == .consent, version == policy.consentVersion {
            switch consentDigests.check(shown) {
            case .current(let text): named = text
            case .versionOnly: named = nil
            case .missing: throw APIProblem.consentTextUnnamed
            case .notCurrent: throw APIProblem.consentTextChanged
            }
        }
        try await applyAudited([event], caller, Self.consentAction(version: policy.consentVersion, shown: named, byGuardian: byGuardian),
                               approvedBy: nil)
        return lastView(id)
    }

    /// The digests of the texts served at the consent step.
    var consentDigests: ConsentDigests {
        ConsentDigests(byLanguage: Dictionary(parts.consentTexts.map { ($0.language, $0.sha256) }, uniquingKeysWith: { first, _ in first }))
    }

    /// `session.consent.granted:version=1:language=en:sha256=…` (`granted_by_guardian` for
    /// a guardian's answer). The version is the configured one, the language and digest
    /// those of a served text: nothing the client typed freely, nothing about the person.
    static func consentAction(version: String, shown: ShownConsent?, byGuardian: Bool) -> String {
        var action = "session.consent.\(byGuardian ? "granted_by_guardian" : "granted"):version=\(version)"
        if let shown { action += ":language=\(shown.language):sha256=\(shown.sha256)" }
        return action
    }
}
