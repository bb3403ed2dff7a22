import Access
import ControlAPI
import EnrollCore
import Foundation
import HTTPTypes
import Imaging
import Logging

/// Finger and face captures: one attempt per request, scored, fed to the state machine.
extension SessionManager {
    func captureFinger(_ id: String, finger: FingerPosition, by caller: Principal) async throws(APIProblem) -> CaptureResultView {
        let current = try owned(id, caller)
        guard case .finger(let expected) = current.session.step else {
            throw APIProblem(.conflict, "wrong_step", "The session is not at a finger step.")
        }
        guard expected == finger else {
            throw APIProblem(.conflict, "wrong_step", "The finger to capture now is \(FingerName(expected).name).")
        }
        guard !current.capturing else { throw Self.captureRunning }
        let attempt = current.fingerAttempts[finger, default: 0] + 1
        guard attempt <= policy.fingerAttempts else {
            throw APIProblem(.conflict, "attempts_used", "All \(policy.fingerAttempts) attempts for this finger are used; record an exception.")
        }
        // Each attempt gets the step's whole wait: retries never share one window.
        try await apply(.captureStarted)
        guard active?.session.id == id else { throw APIProblem(.conflict, "finished", "The session has ended.") }
        active?.capturing = true
        current.hub.publish("finger_needed", ["finger": FingerName(finger).name, "attempt": attempt])
        let outcome = await waitForFinger(finger, hub: current.hub)
        // The session may have ended (cancel, time-out) while the reader waited.
        guard active?.session.id == id else { throw APIProblem(.conflict, "finished", "The session ended during the capture.") }
        active?.capturing = false
        active?.fingerWait = nil
        let capture: Capture
        switch outcome {
        case .failure(let error):
            throw Self.problem(error)
        case .success(.retry(let reason)):
            SessionMetrics.capture(.finger, "retry")
            active?.hub.publish("retry", ["finger": FingerName(finger).name, "reason": reason.rawValue])
            return CaptureResultView(outcome: "retry", attempt: nil, quality: nil, retryReason: reason.rawValue, session: view())
        case .success(.captured(let captured)):
            capture = captured
        }
        let quality = parts.fingerQuality.assess(capture.image)
        let accepted = quality.meets(threshold: policy.fingerQualityThreshold)
        var shown = Self.view(quality)
        shown.acceptable = accepted
        let captureID = UUID().uuidString
        active?.fingerAttempts[finger] = attempt
        SessionMetrics.capture(.finger, accepted ? "accepted" : "rejected")
        active?.hub.publish("finger_quality", ["finger": FingerName(finger).name, "attempt": attempt, "quality": Self.json(shown)])
        if accepted {
            active?.images[captureID] = PNG.encode(capture.image)
            active?.qualities[captureID] = shown
            if let minutiae = await parts.fingers.minutiae(of: capture.image), active?.session.id == id {
                active?.templates[captureID] = Self.template(minutiae, from: capture)
            }
        }
        try await apply(.fingerCaptured(finger, quality: quality, captureID: captureID))
        return CaptureResultView(outcome: accepted ? "accepted" : "rejected", attempt: attempt, quality: shown, retryReason: nil, session: lastView(id))
    }

    func captureFace(_ id: String, by caller: Principal) async throws(APIProblem) -> CaptureResultView {
        let current = try owned(id, caller)
        guard current.session.step == .face else { throw APIProblem(.conflict, "wrong_step", "The session is not at the face step.") }
        guard !current.capturing else { throw Self.captureRunning }
        let attempt = current.faceAttempts + 1
        guard attempt <= policy.faceAttempts else {
            throw APIProblem(.conflict, "attempts_used", "All \(policy.faceAttempts) face attempts are used; record an exception.")
        }
        guard let frame = current.latestFrame else { throw await noPicture() }
        try await apply(.captureStarted)
        guard active?.session.id == id else { throw APIProblem(.conflict, "finished", "The session has ended.") }
        let quality = parts.faceQuality.assess(frame)
        let accepted = quality.meets(threshold: policy.faceQualityThreshold)
        // Cut out before the attempt counts: a kiosk that cannot make the token image
        // refuses the photograph instead of keeping the whole frame or using up a try.
        var photograph: [UInt8]?
        if accepted {
            guard let token = parts.faceQuality.photograph(frame) else { throw Self.faceChecksUnavailable }
            do { photograph = try FacePreview.photograph(token) } catch {
                throw APIProblem(.serviceUnavailable, "no_device", "The photograph could not be encoded: \(error)")
            }
        }
        var shown = Self.view(quality)
        shown.acceptable = accepted
        let captureID = UUID().uuidString
        active?.faceAttempts = attempt
        SessionMetrics.capture(.face, accepted ? "accepted" : "rejected")
        active?.hub.publish("face_quality", ["attempt": attempt, "quality": Self.json(shown)])
        if let photograph {
            active?.images[captureID] = photograph
            active?.qualities[captureID] = shown
        }
        try await apply(.faceCaptured(quality: quality, captureID: captureID))
        return CaptureResultView(outcome: accepted ? "accepted" : "rejected", attempt: attempt, quality: shown, retryReason: nil, session: lastView(id))
    }

    /// Why there is no picture to take: a camera gone (unplugged or failed since the session
    /// started) is said as such, not as a moment's wait.
    func noPicture() async -> APIProblem {
        if let devices = parts.devices, await !devices.cameraUsable() {
            return APIProblem(.serviceUnavailable, "no_device", "No camera is attached or working: staff can reconnect it and try again.")
        }
        return APIProblem(.serviceUnavailable, "no_device", parts.camera == nil ? "No camera is configured." : "The camera has not delivered a picture yet; try again in a moment.")
    }

    static let faceChecksUnavailable = APIProblem(
        .serviceUnavailable, "face_checks_unavailable",
        "The face checks are not ready, so no photograph can be cut out; try again in a moment, or record the face as not captured.")

    // MARK: Face preview

    /// Streams the camera while the face step lasts: keeps the newest frame for the photo
    /// and sends a small preview with live feedback about three times a second.
    func startPreview() {
        guard preview == nil, let camera = parts.camera, let sessionID = active?.session.id else { return }
        let hub = active?.hub
        let quality = parts.faceQuality
        // Detached: decoding, scaling and JPEG encoding stay off this actor.
        preview = Task.detached { [weak self] in
            var lastSent = ContinuousClock.now - .seconds(1)
            do {
                for try await frame in try await camera.frames() {
                    guard let self, await self.keep(frame, for: sessionID) else { break }
                    guard ContinuousClock.now - lastSent >= .milliseconds(300) else { continue }
                    lastSent = .now
                    let shown = Self.view(quality.assess(frame))
                    let small = try FacePreview.preview(frame)
                    hub?.publish("face_feedback", [
                        "quality": Self.json(shown), "preview_jpeg": Data(small.jpeg).base64EncodedString(),
                        "width": small.width, "height": small.height,
                    ])
                }
            } catch {
                hub?.publish("error", ["error": "no_device", "message": "The camera stopped: \(error)"])
            }
            await camera.stop()
        }
    }

    func keep(_ frame: FaceFrame, for sessionID: String) -> Bool {
        guard active?.session.id == sessionID, active?.session.step == .face else { return false }
        active?.latestFrame = frame
        return true
    }

    func stopPreview() {
        preview?.cancel()
        preview = nil
        active?.latestFrame = nil
    }

    static func view(_ quality: CaptureQuality) -> QualityView {
        QualityView(assessed: quality.assessed, score: quality.assessed ? quality.score : nil, acceptable: quality.acceptable,
                    feedback: quality.feedback.filter { $0 != CaptureQuality.notAssessedFeedback })
    }

    static func problem(_ error: ReaderError) -> APIProblem {
        if error.isTimedOut { return APIProblem(.gatewayTimeout, "timed_out", "No finger was placed on the reader in time; try again.") }
        if error.isBusy { return APIProblem(.conflict, "busy", error.description) }
        if error.isCancelled { return APIProblem(.conflict, "cancelled", "The wait for the finger was called off; no attempt was counted.") }
        return APIProblem(.serviceUnavailable, "no_device", "The fingerprint reader is not usable: \(error.description)")
    }

    /// One capture's minutiae as an NBIS print of one stage would hold them.
    static func template(_ minutiae: [Minutia], from capture: Capture) -> PrintTemplate {
        PrintTemplate(kind: .nbis, driver: capture.reader.driver, deviceID: capture.reader.deviceID, deviceStored: false,
                      libfprintFinger: 0, enrollJulianDay: nil, minutiaeSets: [minutiae])
    }
}
