/// Captures, exceptions and the order of steps.
extension EnrollmentSession {
    mutating func fingerCaptured(_ finger: FingerPosition, quality assessed: CaptureQuality, captureID: String, at now: ContinuousClock.Instant) throws(SessionRefusal) -> [SessionEffect] {
        let quality = assessed.score
        guard (0...100).contains(quality) else { throw SessionRefusal(.invalidQuality, "Quality must be 0–100, not \(quality).") }
        let used = attempts[finger, default: 0]
        guard used < policy.fingerAttempts else {
            throw SessionRefusal(.attemptsUsed, "All \(policy.fingerAttempts) attempts for this finger are used; record an exception.")
        }
        attempts[finger] = used + 1
        bestQuality[finger] = max(bestQuality[finger] ?? 0, quality)
        if assessed.meets(threshold: policy.fingerQualityThreshold) {
            fingers[finger] = .captured(captureID: captureID, quality: quality, attempts: used + 1)
            return enter(step(after: finger), at: now)
        }
        // Another try: its own full window, a retry never eats into the next one.
        if used + 1 < policy.fingerAttempts { return restartDeadline(at: now, awaitingSupervisor: false) + [.captureFinger(finger)] }
        // Out of attempts. A self-service station cannot ask a supervisor, so the finger
        // is recorded as unreadable rather than leaving the person stuck.
        if case .unattended = mode {
            fingers[finger] = .exception(CaptureException(reason: .unreadable), attempts: used + 1)
            return enter(step(after: finger), at: now)
        }
        // Staffed: only an exception approved by a supervisor moves on; fetching one gets
        // the supervisor's wait.
        return restartDeadline(at: now, awaitingSupervisor: true)
    }

    mutating func faceCaptured(quality assessed: CaptureQuality, captureID: String, at now: ContinuousClock.Instant) throws(SessionRefusal) -> [SessionEffect] {
        let quality = assessed.score
        guard (0...100).contains(quality) else { throw SessionRefusal(.invalidQuality, "Quality must be 0–100, not \(quality).") }
        guard faceAttempts < policy.faceAttempts else {
            throw SessionRefusal(.attemptsUsed, "All \(policy.faceAttempts) face attempts are used; record an exception.")
        }
        faceAttempts += 1
        if assessed.meets(threshold: policy.faceQualityThreshold) {
            face = .captured(captureID: captureID, quality: quality, attempts: faceAttempts)
            return enter(afterCaptures, at: now)
        }
        if faceAttempts < policy.faceAttempts { return restartDeadline(at: now, awaitingSupervisor: false) + [.captureFace] }
        if case .unattended = mode {
            face = .exception(CaptureException(reason: .unreadable), attempts: faceAttempts)
            return enter(afterCaptures, at: now)
        }
        return restartDeadline(at: now, awaitingSupervisor: true)
    }

    /// Staffed: every exception needs a supervisor's approval. Unattended: only what needs
    /// no judgement, a person declining, or a capture unreadable after every attempt.
    func requireAllowed(_ exception: CaptureException, attemptsUsed: Bool) throws(SessionRefusal) {
        switch mode {
        case .staffed:
            guard let supervisor = exception.approvedBy, !supervisor.isEmpty else {
                throw SessionRefusal(.approvalRequired, "A supervisor must approve a capture exception.")
            }
        case .unattended:
            switch exception.reason {
            case .declined: return
            case .unreadable where attemptsUsed: return
            default:
                throw SessionRefusal(.notAllowedUnattended, "This exception needs a staffed station; please ask a member of staff.")
            }
        }
    }

    /// A capture may start only while the step has an attempt left.
    func requireAttemptLeft() throws(SessionRefusal) {
        switch step {
        case .finger(let finger) where attempts[finger, default: 0] >= policy.fingerAttempts:
            throw SessionRefusal(.attemptsUsed, "All \(policy.fingerAttempts) attempts for this finger are used; record an exception.")
        case .face where faceAttempts >= policy.faceAttempts:
            throw SessionRefusal(.attemptsUsed, "All \(policy.faceAttempts) face attempts are used; record an exception.")
        default: return
        }
    }

    func requireSame(_ finger: FingerPosition, _ expected: FingerPosition) throws(SessionRefusal) {
        guard finger == expected else { throw SessionRefusal(.wrongStep, "Expected finger \(expected), got \(finger).") }
    }

    /// Checks the details against the policy: every required field present, no field the
    /// policy does not ask for (minimal data), lengths and choices respected.
    func validated(_ fields: [String: String]) throws(SessionRefusal) -> [String: String] {
        let known = Dictionary(uniqueKeysWithValues: policy.subjectFields.map { ($0.key, $0) })
        if let extra = fields.keys.sorted().first(where: { known[$0] == nil }) {
            throw SessionRefusal(.invalidSubject, "The field \(extra) is not collected by this policy.")
        }
        var kept: [String: String] = [:]
        for field in policy.subjectFields {
            let value = fields[field.key]?.trimmingWhitespace ?? ""
            if value.isEmpty {
                if field.required { throw SessionRefusal(.invalidSubject, "The field \(field.key) is required.") }
                continue
            }
            guard value.count <= field.maximumLength else {
                throw SessionRefusal(.invalidSubject, "The field \(field.key) is longer than \(field.maximumLength) characters.")
            }
            if let choices = field.choices, !choices.contains(value) {
                throw SessionRefusal(.invalidSubject, "The field \(field.key) must be one of the listed choices.")
            }
            kept[field.key] = value
        }
        return kept
    }

    var firstCaptureStep: SessionStep {
        policy.fingers.first.map(SessionStep.finger) ?? (policy.face ? .face : afterCaptures)
    }

    func step(after finger: FingerPosition) -> SessionStep {
        guard let index = policy.fingers.firstIndex(of: finger), index + 1 < policy.fingers.count else {
            return policy.face ? .face : afterCaptures
        }
        return .finger(policy.fingers[index + 1])
    }

    var afterCaptures: SessionStep {
        policy.duplicateCheck && !capturedIDs.isEmpty ? .duplicateCheck : .review
    }

    /// Accepted captures, fingers in policy order then the face.
    var capturedIDs: [String] {
        var ids = policy.fingers.compactMap { finger -> String? in
            if case .captured(let id, _, _) = fingers[finger] { return id }
            return nil
        }
        if case .captured(let id, _, _) = face { ids.append(id) }
        return ids
    }
}

private extension String {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
