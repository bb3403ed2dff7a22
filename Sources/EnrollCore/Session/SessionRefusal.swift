/// An event the session cannot take in its step, with a sentence for the API's answer.
public struct SessionRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes for clients; the sentence may change.
    public enum Code: String, Sendable {
        case wrongStep = "wrong_step"
        case consentVersion = "consent_version"
        case invalidSubject = "invalid_subject"
        case invalidQuality = "invalid_quality"
        case attemptsUsed = "attempts_used"
        case approvalRequired = "approval_required"
        case notAllowedUnattended = "not_allowed_unattended"
        case finished
        /// A guardian's consent was sent from a self-service station.
        case guardianNeedsStaff = "guardian_needs_staff"
    }

    public let code: Code
    public let description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}
