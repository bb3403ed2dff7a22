/// Where an enrollment is. The UI shows one screen per step; the API accepts only the
/// events that fit the step.
public enum SessionStep: Sendable, Equatable {
    case consent
    case subject
    case finger(FingerPosition)
    case face
    /// Waiting for the 1:N search of the local gallery.
    case duplicateCheck
    /// Candidates found; a supervisor decides.
    case duplicateDecision
    case review
    /// The record is being built, signed, sealed and written.
    case committing
    case committed(recordID: String)
    case aborted(AbortReason)

    /// A finished session accepts no more events.
    public var isFinal: Bool {
        switch self {
        case .committed, .aborted: true
        default: false
        }
    }
}

/// Why a session ended without a record. Whatever was captured is wiped.
public enum AbortReason: String, Codable, Sendable {
    case consentRefused = "consent_refused"
    case cancelled
    case timedOut = "timed_out"
    /// A supervisor confirmed the person is already enrolled.
    case duplicateConfirmed = "duplicate_confirmed"
    /// The daemon stopped (restart, update, reboot) while the session was open.
    case daemonStopping = "daemon_stopping"
}

/// Who runs the session.
public enum SessionMode: Sendable, Equatable {
    /// Staff at the kiosk: exceptions and duplicate overrides need a supervisor.
    case staffed(operatorID: String)
    /// A self-service station: no one can approve, so only what needs no approval is allowed.
    case unattended(stationID: String)
}
