import ControlAPI
import EnrollCore
import Foundation

extension SessionManager: SessionOperations {}

/// The active session as the API shows it.
extension SessionManager {
    func view() -> SessionView {
        guard let active else {
            return SessionView(id: "", mode: "staffed", step: "aborted", deadlineSeconds: 0, consentVersion: policy.consentVersion,
                               subjectFields: [], fingers: [])
        }
        let session = active.session
        let summary = session.summary
        var view = SessionView(
            id: session.id, mode: "staffed", step: Self.stepName(session.step),
            deadlineSeconds: session.step.isFinal ? 0 : max(0, Self.seconds(session.deadline - parts.now())),
            consentVersion: policy.consentVersion,
            subjectFields: policy.subjectFields.map { .init(key: $0.key, required: $0.required, maximumLength: $0.maximumLength, choices: $0.choices) },
            fingers: policy.fingers.map { finger in
                Self.state(summary.fingers[finger], finger: FingerName(finger).name, attempts: active.fingerAttempts[finger, default: 0],
                           allowed: policy.fingerAttempts, threshold: policy.fingerQualityThreshold, qualities: active.qualities)
            })
        switch session.mode {
        case .staffed(let operatorID): view.operatorID = operatorID
        case .unattended(let stationID):
            view.mode = "unattended"
            view.stationID = stationID
        }
        if case .finger(let finger) = session.step { view.finger = FingerName(finger).name }
        if policy.face {
            view.face = Self.state(summary.face, finger: nil, attempts: active.faceAttempts, allowed: policy.faceAttempts,
                                   threshold: policy.faceQualityThreshold, qualities: active.qualities)
        }
        view.subject = summary.subject
        if !summary.duplicateCandidates.isEmpty {
            view.duplicateCandidates = summary.duplicateCandidates.map { .init(recordID: $0.recordID, score: $0.score) }
        }
        view.duplicateDecision = summary.duplicateDecision?.rawValue
        switch session.step {
        case .committed(let recordID): view.recordID = recordID
        case .aborted(let reason): view.abortReason = reason.rawValue
        default: break
        }
        view.lastError = session.lastError
        if !session.step.isFinal { view.awaitingSupervisor = session.awaitingSupervisor }
        if summary.consentByGuardian { view.consentByGuardian = true }
        if session.step == .consent, !parts.consentTexts.isEmpty { view.consentTexts = parts.consentTexts }
        if !session.step.isFinal { view.moreTimeLeft = session.moreTimeLeft }
        if !parts.contactText.isEmpty { view.contactText = parts.contactText }
        return view
    }

    static func state(_ disposition: CaptureDisposition?, finger: String?, attempts: Int, allowed: Int, threshold: Int,
                      qualities: [String: QualityView]) -> SessionView.CaptureState {
        var state = state(disposition, finger: finger, attempts: attempts, allowed: allowed, qualities: qualities)
        state.qualityThreshold = threshold
        return state
    }

    private static func state(_ disposition: CaptureDisposition?, finger: String?, attempts: Int, allowed: Int, qualities: [String: QualityView]) -> SessionView.CaptureState {
        switch disposition {
        case .captured(let captureID, _, _):
            return .init(finger: finger, state: "captured", attempts: attempts, attemptsAllowed: allowed, quality: qualities[captureID]?.score, exception: nil)
        case .exception(let exception, _):
            return .init(finger: finger, state: "exception", attempts: attempts, attemptsAllowed: allowed, quality: nil,
                         exception: .init(reason: exception.reason.rawValue, approvedBy: exception.approvedBy))
        case nil:
            return .init(finger: finger, state: "pending", attempts: attempts, attemptsAllowed: allowed, quality: nil, exception: nil)
        }
    }

    static func stepName(_ step: SessionStep) -> String {
        switch step {
        case .consent: "consent"
        case .subject: "subject"
        case .finger: "finger"
        case .face: "face"
        case .duplicateCheck: "duplicate_check"
        case .duplicateDecision: "duplicate_decision"
        case .review: "review"
        case .committing: "committing"
        case .committed: "committed"
        case .aborted: "aborted"
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        duration.seconds.rounded()
    }

    /// A Codable value as a JSON object for the event hub.
    nonisolated func json<T: Encodable>(_ value: T) -> Any { Self.json(value) }

    static func json<T: Encodable>(_ value: T) -> Any {
        guard let data = try? JSONEncoder().encode(value), let object = try? JSONSerialization.jsonObject(with: data) else { return [:] as [String: Any] }
        return object
    }
}
