/// Everything a finished session hands to the record builder: the manifest's facts,
/// with captures named by id (the images stay with the owner until commit).
public struct SessionSummary: Sendable, Equatable {
    public var sessionID: String
    public var mode: SessionMode
    public var consentVersion: String
    public var subject: [String: String]
    public var fingers: [FingerPosition: CaptureDisposition]
    public var face: CaptureDisposition?
    public var duplicateCandidates: [DuplicateCandidate]
    public var duplicateDecision: DuplicateDecision?
    /// The consent was a parent's or guardian's for a child (the record says so).
    public var consentByGuardian = false
}

/// How one finger or the face ended in a session: captured, or recorded as an exception.
public enum CaptureDisposition: Sendable, Equatable {
    case captured(captureID: String, quality: Int, attempts: Int)
    case exception(CaptureException, attempts: Int)
}
