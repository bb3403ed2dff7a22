/// What an enrollment must collect and how patiently, from the deployment's configuration.
public struct SessionPolicy: Sendable, Equatable {
    /// The consent text's version; the record stores it with the answer.
    public var consentVersion: String
    public var subjectFields: [SubjectField]
    /// Fingers to capture, in order.
    public var fingers: [FingerPosition]
    /// Captures allowed per finger before it can only be recorded as an exception.
    public var fingerAttempts: Int
    /// Quality (0–100, NFIQ 2 scale) a capture must reach to be accepted.
    public var fingerQualityThreshold: Int
    /// Whether to capture the face.
    public var face: Bool
    public var faceAttempts: Int
    public var faceQualityThreshold: Int
    /// Whether to search the local gallery for the same person before commit.
    public var duplicateCheck: Bool
    /// How long any one step may wait for the person or the operator.
    public var stepTimeout: Duration
    /// How long a staffed step that waits for a supervisor (an exception's approval, a
    /// duplicate decision) may wait: fetching a supervisor takes longer than a retry, and
    /// running out of time wipes the whole enrollment.
    public var supervisorWait: Duration
    /// How many times the person at a self-service station may ask for more time on one
    /// step ("I am still here"). Bounded, so a station left alone still resets within
    /// `stepTimeout` of the last touch, and one kept busy within `(1 + this) × stepTimeout`
    /// per step. WCAG 2.2.1 asks for at least one extension; staff have no limit.
    public var stationMoreTime = 2

    public init(
        consentVersion: String, subjectFields: [SubjectField], fingers: [FingerPosition],
        fingerAttempts: Int, fingerQualityThreshold: Int, face: Bool, faceAttempts: Int,
        faceQualityThreshold: Int, duplicateCheck: Bool, stepTimeout: Duration,
        supervisorWait: Duration = .seconds(600)
    ) {
        self.consentVersion = consentVersion
        self.subjectFields = subjectFields
        self.fingers = fingers
        self.fingerAttempts = fingerAttempts
        self.fingerQualityThreshold = fingerQualityThreshold
        self.face = face
        self.faceAttempts = faceAttempts
        self.faceQualityThreshold = faceQualityThreshold
        self.duplicateCheck = duplicateCheck
        self.stepTimeout = stepTimeout
        self.supervisorWait = supervisorWait
    }

    /// A minimal policy: a reference number only, both index fingers and thumbs, the face,
    /// three attempts each, duplicate check on, two minutes per step, ten minutes for a
    /// supervisor.
    public static let standard = SessionPolicy(
        consentVersion: "1",
        subjectFields: [SubjectField(key: "reference", required: true, maximumLength: 40)],
        fingers: FingerPosition.defaultEnrollment,
        fingerAttempts: 3, fingerQualityThreshold: 40,
        face: true, faceAttempts: 3, faceQualityThreshold: 50,
        duplicateCheck: true, stepTimeout: .seconds(120))
}
