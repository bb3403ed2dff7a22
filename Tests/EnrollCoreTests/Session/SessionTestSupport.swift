import EnrollCore

/// Drives a session through its steps for tests.
struct SessionDriver {
    var session: EnrollmentSession
    var now: ContinuousClock.Instant
    var effects: [SessionEffect] = []

    init(mode: SessionMode = .staffed(operatorID: "op-7"), policy: SessionPolicy = .standard) {
        now = ContinuousClock.now
        session = EnrollmentSession(id: "s-1", mode: mode, policy: policy, at: now)
    }

    @discardableResult
    mutating func send(_ event: SessionEvent, after delay: Duration = .seconds(1)) throws(SessionRefusal) -> [SessionEffect] {
        now += delay
        let produced = try session.handle(event, at: now)
        effects += produced
        return produced
    }

    /// Consent and details given.
    mutating func toFirstFinger() throws {
        try send(.consent(version: session.policy.consentVersion, accepted: true))
        try send(.subject(["reference": "CASE-0042"]))
    }

    /// Every policy finger captured at good quality.
    mutating func captureAllFingers() throws {
        for (index, finger) in session.policy.fingers.enumerated() {
            try send(.fingerCaptured(finger, quality: .scored(80), captureID: "f\(index)"))
        }
    }

    /// Through the face.
    mutating func toDuplicateCheck() throws {
        try toFirstFinger()
        try captureAllFingers()
        try send(.faceCaptured(quality: .scored(90), captureID: "face"))
    }

    mutating func toReview() throws {
        try toDuplicateCheck()
        try send(.duplicateResult([]))
    }
}

extension CaptureQuality {
    /// A capture the checker passed, with this score: whether it counts is then the
    /// session's threshold alone.
    static func scored(_ score: Int) -> CaptureQuality {
        CaptureQuality(score: score, acceptable: true, feedback: [])
    }
}
