import EnrollCore
import Hummingbird

/// A session as the API shows it (docs/control-api.yaml, `Session`).
public struct SessionView: Codable, Sendable, Equatable, ResponseEncodable {
    public struct FieldPolicy: Codable, Sendable, Equatable {
        public var key: String
        public var required: Bool
        public var maximumLength: Int
        public var choices: [String]?
        enum CodingKeys: String, CodingKey { case key, required, maximumLength = "maximum_length", choices }
        public init(key: String, required: Bool, maximumLength: Int, choices: [String]?) {
            self.key = key
            self.required = required
            self.maximumLength = maximumLength
            self.choices = choices
        }
    }

    public struct ExceptionView: Codable, Sendable, Equatable {
        public var reason: String
        public var approvedBy: String?
        enum CodingKeys: String, CodingKey { case reason, approvedBy = "approved_by" }
        public init(reason: String, approvedBy: String?) {
            self.reason = reason
            self.approvedBy = approvedBy
        }
    }

    public struct CaptureState: Codable, Sendable, Equatable {
        public var finger: String?
        public var state: String
        public var attempts: Int
        public var attemptsAllowed: Int
        public var quality: Int?
        /// The score an attempt must reach (config `session.*_quality_threshold`), for the screen.
        public var qualityThreshold: Int?
        public var exception: ExceptionView?
        enum CodingKeys: String, CodingKey {
            case finger, state, attempts, attemptsAllowed = "attempts_allowed", quality, qualityThreshold = "quality_threshold", exception
        }
        public init(finger: String?, state: String, attempts: Int, attemptsAllowed: Int, quality: Int?, exception: ExceptionView?) {
            self.finger = finger
            self.state = state
            self.attempts = attempts
            self.attemptsAllowed = attemptsAllowed
            self.quality = quality
            self.exception = exception
        }
    }

    public struct CandidateView: Codable, Sendable, Equatable {
        public var recordID: String
        public var score: Double
        enum CodingKeys: String, CodingKey { case recordID = "record_id", score }
        public init(recordID: String, score: Double) {
            self.recordID = recordID
            self.score = score
        }
    }

    public var id: String
    public var mode: String
    public var operatorID: String?
    public var stationID: String?
    public var step: String
    public var finger: String?
    public var deadlineSeconds: Double
    public var consentVersion: String
    public var subjectFields: [FieldPolicy]
    public var subject: [String: String]?
    public var fingers: [CaptureState]
    public var face: CaptureState?
    public var duplicateCandidates: [CandidateView]?
    public var duplicateDecision: String?
    public var recordID: String?
    public var abortReason: String?
    public var lastError: String?
    /// Staffed: the step waits for a supervisor, with `session.supervisor_wait_seconds`.
    public var awaitingSupervisor: Bool?
    /// The consent was a parent's or guardian's for a child.
    public var consentByGuardian: Bool?
    /// At the consent step: the configured version's text in each language the kiosk
    /// offers, with its SHA-256.
    public var consentTexts: [ConsentTextView]?
    /// Unattended: how many more times the person may ask for more time on this step.
    public var moreTimeLeft: Int?
    /// The centre's contact line by language (config `kiosk.contact_text`), for the end
    /// screen; absent when none is configured.
    public var contactText: [String: String]?

    enum CodingKeys: String, CodingKey {
        case id, mode, operatorID = "operator_id", stationID = "station_id", step, finger
        case deadlineSeconds = "deadline_seconds", consentVersion = "consent_version", subjectFields = "subject_fields"
        case subject, fingers, face, duplicateCandidates = "duplicate_candidates", duplicateDecision = "duplicate_decision"
        case recordID = "record_id", abortReason = "abort_reason", lastError = "last_error"
        case awaitingSupervisor = "awaiting_supervisor"
        case consentByGuardian = "consent_by_guardian"
        case consentTexts = "consent_texts"
        case moreTimeLeft = "more_time_left"
        case contactText = "contact_text"
    }

    public init(id: String, mode: String, step: String, deadlineSeconds: Double, consentVersion: String,
                subjectFields: [FieldPolicy], fingers: [CaptureState]) {
        self.id = id
        self.mode = mode
        self.step = step
        self.deadlineSeconds = deadlineSeconds
        self.consentVersion = consentVersion
        self.subjectFields = subjectFields
        self.fingers = fingers
    }
}

/// The quality of one attempt as the API shows it; `assessed: false` while no checker is
/// installed, with no score.
public struct QualityView: Codable, Sendable, Equatable {
    public var assessed: Bool
    public var score: Int?
    public var acceptable: Bool
    public var feedback: [String]

    public init(assessed: Bool, score: Int?, acceptable: Bool, feedback: [String]) {
        self.assessed = assessed
        self.score = score
        self.acceptable = acceptable
        self.feedback = feedback
    }

    // `score` is always present, null when unassessed, as the contract says.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(assessed, forKey: .assessed)
        try c.encode(score, forKey: .score)
        try c.encode(acceptable, forKey: .acceptable)
        try c.encode(feedback, forKey: .feedback)
    }
}

/// One capture attempt's answer.
public struct CaptureResultView: Codable, Sendable, Equatable, ResponseEncodable {
    public var outcome: String
    public var attempt: Int?
    public var quality: QualityView?
    public var retryReason: String?
    public var session: SessionView

    enum CodingKeys: String, CodingKey { case outcome, attempt, quality, retryReason = "retry_reason", session }

    public init(outcome: String, attempt: Int?, quality: QualityView?, retryReason: String?, session: SessionView) {
        self.outcome = outcome
        self.attempt = attempt
        self.quality = quality
        self.retryReason = retryReason
        self.session = session
    }
}
