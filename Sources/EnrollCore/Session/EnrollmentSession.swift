/// One enrollment, as a pure state machine: consent → subject → fingers → face →
/// duplicate check → review → commit, with an exception path for every capture, a
/// deadline on every step, and nothing kept when it ends without a record.
///
/// `handle(_:at:)` takes an event and the current time and returns the effects to carry
/// out; it reads no clock and touches no device, so every path is testable.
public struct EnrollmentSession: Sendable {
    public let id: String
    public let mode: SessionMode
    public let policy: SessionPolicy
    public private(set) var step: SessionStep
    /// When the current step times out.
    public private(set) var deadline: ContinuousClock.Instant
    /// Whether the step waits for a supervisor (staffed: a capture out of attempts or an
    /// exception asked for, a duplicate decision): its deadline is the longer
    /// `policy.supervisorWait`.
    public private(set) var awaitingSupervisor = false
    /// The last commit failure, shown on the review screen.
    public private(set) var lastError: String?
    /// How often a self-service station has asked for more time on the current step
    /// (`SessionPolicy.stationMoreTime` bounds it; a new step starts at 0).
    public private(set) var moreTimeUsed = 0

    var subject: [String: String] = [:]
    var fingers: [FingerPosition: CaptureDisposition] = [:]
    var attempts: [FingerPosition: Int] = [:]
    var bestQuality: [FingerPosition: Int] = [:]
    var face: CaptureDisposition?
    var faceAttempts = 0
    var candidates: [DuplicateCandidate] = []
    var decision: DuplicateDecision?
    /// The consent was a parent's or guardian's for a child.
    var consentByGuardian = false
    /// The details step was reopened from the review (`changeSubject`): the captures are
    /// done, so the details lead back to the review.
    var changingSubject = false

    public init(id: String, mode: SessionMode, policy: SessionPolicy, at now: ContinuousClock.Instant) {
        self.id = id
        self.mode = mode
        self.policy = policy
        self.step = .consent
        self.deadline = now + policy.stepTimeout
    }

    /// Applies `event` at time `now`. A refused event changes nothing.
    public mutating func handle(_ event: SessionEvent, at now: ContinuousClock.Instant) throws(SessionRefusal) -> [SessionEffect] {
        guard !step.isFinal else { throw SessionRefusal(.finished, "The session has ended.") }
        if now >= deadline, step != .committing {
            return abort(.timedOut)
        }
        switch (step, event) {
        case (_, .tick):
            return []
        case (.committing, .cancel):
            throw SessionRefusal(.wrongStep, "The record is being written and can no longer be cancelled.")
        case (_, .cancel):
            return abort(.cancelled)
        case (.committing, .stop):
            throw SessionRefusal(.wrongStep, "The record is being written; it ends by itself.")
        case (_, .stop):
            return abort(.daemonStopping)
        case (.consent, .consent(let version, let accepted)):
            guard version == policy.consentVersion else {
                throw SessionRefusal(.consentVersion, "Consent was given to text version \(version); the current version is \(policy.consentVersion).")
            }
            guard accepted else { return abort(.consentRefused) }
            return enter(.subject, at: now)
        case (.consent, .guardianConsent(let version, let accepted)):
            guard isStaffed else {
                throw SessionRefusal(.guardianNeedsStaff, "A parent's or guardian's consent is recorded only at a staffed desk; please ask a member of staff.")
            }
            guard version == policy.consentVersion else {
                throw SessionRefusal(.consentVersion, "Consent was given to text version \(version); the current version is \(policy.consentVersion).")
            }
            guard accepted else { return abort(.consentRefused) }
            consentByGuardian = true
            return enter(.subject, at: now)
        case (.subject, .subject(let fields)):
            subject = try validated(fields)
            if changingSubject {
                changingSubject = false
                return enter(.review, at: now)
            }
            return enter(firstCaptureStep, at: now)
        case (.finger(let expected), .fingerCaptured(let finger, let quality, let captureID)):
            try requireSame(finger, expected)
            return try fingerCaptured(finger, quality: quality, captureID: captureID, at: now)
        case (.finger(let expected), .fingerException(let finger, let exception)):
            try requireSame(finger, expected)
            try requireAllowed(exception, attemptsUsed: attempts[finger, default: 0] >= policy.fingerAttempts)
            fingers[finger] = .exception(exception, attempts: attempts[finger, default: 0])
            return enter(step(after: finger), at: now)
        case (.face, .faceCaptured(let quality, let captureID)):
            return try faceCaptured(quality: quality, captureID: captureID, at: now)
        case (.face, .faceException(let exception)):
            try requireAllowed(exception, attemptsUsed: faceAttempts >= policy.faceAttempts)
            face = .exception(exception, attempts: faceAttempts)
            return enter(afterCaptures, at: now)
        case (.duplicateCheck, .duplicateResult(let found)):
            candidates = found.sorted { $0.score > $1.score }
            if candidates.isEmpty { return enter(.review, at: now) }
            if case .unattended = mode {
                decision = .unresolved
                return enter(.review, at: now)
            }
            return enter(.duplicateDecision, at: now)
        case (.duplicateCheck, .duplicateCheckNotRun):
            candidates = []
            decision = .notChecked
            return enter(.review, at: now)
        case (.duplicateDecision, .duplicateDecision(let verdict, let supervisor)):
            guard !supervisor.isEmpty, verdict == .notDuplicate || verdict == .samePerson else {
                throw SessionRefusal(.approvalRequired, "A supervisor must decide whether this is the same person.")
            }
            decision = verdict
            return verdict == .samePerson ? abort(.duplicateConfirmed) : enter(.review, at: now)
        case (.review, .confirm):
            lastError = nil
            step = .committing
            return [.commit(summary)]
        case (.committing, .commitSucceeded(let recordID)):
            step = .committed(recordID: recordID)
            return [.wipe]
        case (.committing, .commitFailed(let reason)):
            lastError = reason
            return enter(.review, at: now)
        case (.finger, .captureStarted), (.face, .captureStarted):
            try requireAttemptLeft()
            return restartDeadline(at: now, awaitingSupervisor: false)
        case (.finger, .exceptionRequested), (.face, .exceptionRequested):
            return restartDeadline(at: now, awaitingSupervisor: isStaffed)
        case (.committing, .moreTime):
            throw SessionRefusal(.wrongStep, "The record is being written; it needs no more time.")
        case (_, .moreTime):
            if !isStaffed {
                // The person said they are still there; a bounded number of times, so a
                // station left alone still resets.
                guard moreTimeUsed < policy.stationMoreTime else {
                    throw SessionRefusal(.notAllowedUnattended, "A self-service station may extend a step at most \(policy.stationMoreTime) times.")
                }
                moreTimeUsed += 1
            }
            return restartDeadline(at: now, awaitingSupervisor: awaitingSupervisor)
        case (.review, .changeSubject):
            // Captures, the duplicate check and its decision stay: none depends on the
            // details. The last commit failure is old news once the details change.
            lastError = nil
            changingSubject = true
            return enter(.subject, at: now)
        default:
            throw SessionRefusal(.wrongStep, "This is not expected at the \(step) step.")
        }
    }

    /// What the record builder needs once the session is confirmed.
    public var summary: SessionSummary {
        SessionSummary(
            sessionID: id, mode: mode, consentVersion: policy.consentVersion, subject: subject,
            fingers: fingers, face: face, duplicateCandidates: candidates, duplicateDecision: decision,
            consentByGuardian: consentByGuardian)
    }

    /// Moves to `next`, restarting the deadline, and asks for what that step needs.
    mutating func enter(_ next: SessionStep, at now: ContinuousClock.Instant) -> [SessionEffect] {
        step = next
        moreTimeUsed = 0
        _ = restartDeadline(at: now, awaitingSupervisor: isStaffed && next == .duplicateDecision)
        // Every capture an exception: there was nothing to search with, and the record must
        // say the check did not run rather than that it found nobody.
        if next == .review, policy.duplicateCheck, capturedIDs.isEmpty, decision == nil { decision = .notChecked }
        switch next {
        case .finger(let finger): return [.captureFinger(finger)]
        case .face: return [.captureFace]
        case .duplicateCheck: return [.searchDuplicates(captureIDs: capturedIDs)]
        default: return []
        }
    }

    /// Starts the step's wait again: the supervisor's wait when the step waits for one,
    /// else the step time-out.
    mutating func restartDeadline(at now: ContinuousClock.Instant, awaitingSupervisor waiting: Bool) -> [SessionEffect] {
        awaitingSupervisor = waiting
        deadline = now + (waiting ? policy.supervisorWait : policy.stepTimeout)
        return []
    }

    var isStaffed: Bool {
        if case .staffed = mode { return true }
        return false
    }

    /// Ends without a record: everything captured is forgotten.
    mutating func abort(_ reason: AbortReason) -> [SessionEffect] {
        step = .aborted(reason)
        subject = [:]
        fingers = [:]
        face = nil
        candidates = []
        return [.wipe]
    }
}
