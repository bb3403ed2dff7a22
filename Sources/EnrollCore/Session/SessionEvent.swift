/// Something that happened: a person's answer, a capture's result, the clock.
public enum SessionEvent: Sendable, Equatable {
    case consent(version: String, accepted: Bool)
    case subject([String: String])
    /// A capture of `finger` scored `quality` (0–100); `captureID` names the image held in
    /// memory by the session's owner until commit or wipe.
    case fingerCaptured(FingerPosition, quality: CaptureQuality, captureID: String)
    case fingerException(FingerPosition, CaptureException)
    case faceCaptured(quality: CaptureQuality, captureID: String)
    case faceException(CaptureException)
    case duplicateResult([DuplicateCandidate])
    /// The duplicate search could not run (no finger templates to search with, or the
    /// gallery failed): the record must say "not checked", never "no candidates".
    case duplicateCheckNotRun
    case duplicateDecision(DuplicateDecision, supervisorID: String)
    /// The operator (or the person, unattended) confirms the review screen.
    case confirm
    case commitSucceeded(recordID: String)
    case commitFailed(reason: String)
    case cancel
    /// Time passes; the session checks its step's deadline.
    case tick
    /// The daemon is stopping: the session ends at any step but a commit under way.
    case stop
    /// A capture attempt begins (the reader waits for the finger, the photograph is
    /// taken): the step's deadline starts again, so retries never eat into one window.
    case captureStarted
    /// Someone asks to record an exception at a finger or the face step. Staffed, the step
    /// now waits for a supervisor (`SessionPolicy.supervisorWait`); unattended, the step's
    /// deadline starts again.
    case exceptionRequested
    /// Staff, or the person at a self-service station ("I am still here"), ask for more
    /// time on the current step: its deadline starts again (the supervisor's wait where
    /// the step waits for one). A station only `SessionPolicy.stationMoreTime` times per
    /// step: an abandoned session there must still end.
    case moreTime
    /// A parent's or guardian's answer for a child. Staffed sessions only: no one at a
    /// self-service station can see who answers.
    case guardianConsent(version: String, accepted: Bool)
    /// At the review step, someone noticed a mistake in the details: back to the details
    /// step, keeping every capture; sending the details again returns to the review.
    case changeSubject
}

/// A person already in the gallery who may be the same person.
public struct DuplicateCandidate: Codable, Sendable, Equatable {
    /// The earlier record's id (never a name).
    public var recordID: String
    /// The fused match score; higher is more alike.
    public var score: Double

    public init(recordID: String, score: Double) {
        self.recordID = recordID
        self.score = score
    }
}

/// What was decided about duplicate candidates.
public enum DuplicateDecision: String, Codable, Sendable {
    /// A supervisor found the candidates are other people.
    case notDuplicate = "not_duplicate"
    /// A supervisor found this person is already enrolled: nothing is kept.
    case samePerson = "same_person"
    /// No one could decide here (unattended): the central office reviews the record.
    case unresolved
    /// The search itself could not run; the central office checks the record.
    case notChecked = "not_checked"
}
