import Access
import ControlAPI
import EnrollCore
import EventLog
import Foundation
import HTTPTypes
import Logging

/// The steps a person or operator drives: answers, exceptions, decisions, confirm, cancel.
extension SessionManager {

    func subject(_ id: String, fields: [String: String], by caller: Principal) async throws(APIProblem) -> SessionView {
        _ = try owned(id, caller)
        try await apply(.subject(fields))
        return lastView(id)
    }

    func fingerException(_ id: String, finger: FingerPosition, _ exception: CaptureException, by caller: Principal) async throws(APIProblem) -> SessionView {
        let current = try owned(id, caller)
        guard !current.capturing else { throw Self.captureRunning }
        // Asked for: staffed, the step now waits for a supervisor, even if this request is
        // refused for want of one.
        try await applyAudited([.exceptionRequested, .fingerException(finger, exception)], caller,
                               "session.finger_exception.\(exception.reason.rawValue)", approvedBy: exception.approvedBy)
        return lastView(id)
    }

    func faceException(_ id: String, _ exception: CaptureException, by caller: Principal) async throws(APIProblem) -> SessionView {
        let current = try owned(id, caller)
        guard !current.capturing else { throw Self.captureRunning }
        try await applyAudited([.exceptionRequested, .faceException(exception)], caller,
                               "session.face_exception.\(exception.reason.rawValue)", approvedBy: exception.approvedBy)
        return lastView(id)
    }

    func decide(_ id: String, _ decision: DuplicateDecision, supervisorID: String, by caller: Principal) async throws(APIProblem) -> SessionView {
        _ = try owned(id, caller)
        try await applyAudited([.duplicateDecision(decision, supervisorID: supervisorID)], caller,
                               "session.duplicate.\(decision.rawValue)", approvedBy: supervisorID)
        return lastView(id)
    }

    func confirm(_ id: String, by caller: Principal) async throws(APIProblem) -> SessionView {
        _ = try owned(id, caller)
        try await apply(.confirm)
        let view = lastView(id)
        if view.step == "review", let error = view.lastError {
            throw APIProblem(.serviceUnavailable, "commit_failed", "The record could not be kept: \(error)")
        }
        return view
    }

    func cancel(_ id: String, by caller: Principal) async throws(APIProblem) -> SessionView {
        _ = try owned(id, caller)
        // The capture's task too: a reader it had not reached yet would otherwise still wait.
        active?.fingerWait?.cancel()
        await parts.fingers.cancel()
        try await apply(.cancel)
        // Cancelling ends the session and wipes it: it stands even when its entry cannot be
        // written (logged by the records); refusing it would keep personal data in memory.
        try? await auditEntry(caller, "session.cancel", approvedBy: nil)
        return lastView(id)
    }

    func moreTime(_ id: String, by caller: Principal) async throws(APIProblem) -> SessionView {
        _ = try owned(id, caller)
        try await applyAudited([.moreTime], caller, "session.more_time", approvedBy: nil)
        return lastView(id)
    }

    func changeDetails(_ id: String, by caller: Principal) async throws(APIProblem) -> SessionView {
        _ = try owned(id, caller)
        // Which details changed, and to what, is personal data: the audit says only that.
        try await applyAudited([.changeSubject], caller, "session.change_details", approvedBy: nil)
        return lastView(id)
    }

    /// The ticker's call: ends a session whose step has waited too long.
    func tick() async {
        guard let active, !active.session.step.isFinal, parts.now() >= active.session.deadline else { return }
        await parts.fingers.cancel()
        try? await apply(.tick)
    }

    /// A device changed: the active session's screen hears of it.
    func deviceChanged(_ device: DeviceSummary) {
        guard let active, !active.session.step.isFinal else { return }
        active.hub.publish("device_health", ["device": Self.json(device)])
    }

    // MARK: Applying events

    /// Feeds `event` to the state machine and carries out its effects.
    func apply(_ event: SessionEvent) async throws(APIProblem) {
        guard var current = active else { throw Self.noSession }
        let before = current.session.step
        let deadline = current.session.deadline
        let effects: [SessionEffect]
        do throws(SessionRefusal) {
            effects = try current.session.handle(event, at: parts.now())
        } catch {
            throw Self.problem(error)
        }
        active = current
        for effect in effects { await perform(effect) }
        // A new deadline on the same step (an attempt, an exception asked for, more time)
        // is news too: the page's countdown must not warn of a time-out that moved.
        if let after = active?.session, !after.step.isFinal, after.step != before || after.deadline != deadline { stepChanged() }
    }

    func perform(_ effect: SessionEffect) async {
        switch effect {
        case .captureFinger:
            break // the client asks for each attempt (`POST …/finger`)
        case .captureFace:
            startPreview()
        case .searchDuplicates:
            stopPreview()
            await searchDuplicates()
        case .commit(let summary):
            stopPreview()
            await commit(summary)
        case .wipe:
            await finish()
        }
    }

    /// Searches the gallery with the session's finger templates. Without any (every finger
    /// an exception, or none gave minutiae) or when the search fails, the record says
    /// "not checked": a search that did not run must never read as "no candidates".
    func searchDuplicates() async {
        let probes = active.map { Self.fingerTemplates($0.session.summary, $0.templates) } ?? [:]
        guard !probes.isEmpty else {
            logger.info("No finger templates to search the gallery with; the record says the duplicate check did not run")
            try? await apply(.duplicateCheckNotRun)
            return
        }
        let found: [DuplicateCandidate]
        do {
            found = try await parts.duplicates.candidates(for: probes, limit: parts.candidateLimit)
        } catch {
            logger.log(.duplicateCheckFailed, "The duplicate search failed; the record says the check did not run",
                       metadata: [LogKey.error: "\(error)"])
            guard active != nil else { return }
            try? await apply(.duplicateCheckNotRun)
            return
        }
        guard active != nil else { return }
        if !found.isEmpty {
            active?.hub.publish("duplicate_candidates", ["candidates": found.map { ["record_id": $0.recordID, "score": $0.score] as [String: Any] }])
        }
        try? await apply(.duplicateResult(found))
    }

    func commit(_ summary: SessionSummary) async {
        guard let current = active else { return }
        let actor = Self.actorID(current.owner)
        let outcome: SessionEvent
        do {
            let payload = RecordAssembly.payload(summary: summary, policy: policy, images: current.images, qualities: current.qualities,
                                                 templates: current.templates,
                                                 operatorID: actor, capturedAt: current.startedAt, now: Self.unixMilliseconds())
            let recordID = try await parts.records.commit(payload, actor: actor)
            outcome = .commitSucceeded(recordID: recordID)
            let templates = Self.fingerTemplates(summary, current.templates)
            if !templates.isEmpty {
                do {
                    try await parts.duplicates.insert(recordID: recordID, templates: templates)
                } catch {
                    // The record is committed; only the local duplicate check misses it until
                    // the central gallery bundle brings it back.
                    logger.warning("The new record could not be added to the local gallery", metadata: [
                        LogKey.record: "\(recordID)", LogKey.error: "\(error)"])
                }
            }
        } catch {
            logger.log(.sessionCommitFailed, "An enrollment could not be committed: \(error)", metadata: [
                LogKey.session: "\(summary.sessionID)", LogKey.error: "\(error)"])
            active?.hub.publish("error", ["error": "commit_failed", "message": "\(error)"])
            outcome = .commitFailed(reason: "\(error)")
        }
        try? await apply(outcome)
    }

    /// The session ended: tell the streams, keep a view without personal data, drop the rest,
    /// then write its end to the audit log and wait for it to be on disk. The end stands
    /// even when its entry cannot be written (logged by the records): the wipe is the safe
    /// direction, and a committed record already has its own entry from its transaction.
    func finish() async {
        stopPreview()
        // Wiped before the wait: nothing of the person stays in memory while the disk is slow.
        guard let entry = endActive() else { return }
        try? await parts.records.audit(actor: entry.actor, action: entry.action, recordID: entry.recordID)
    }

    /// Tells the streams, keeps the view without personal data, drops the rest; returns the
    /// audit entry the end calls for.
    private func endActive() -> (actor: String, action: String, recordID: String?)? {
        guard let current = active else { return nil }
        var view = self.view()
        view.subject = nil
        var entry: (actor: String, action: String, recordID: String?)?
        switch current.session.step {
        case .committed(let recordID):
            entry = (Self.actorID(current.owner), "session.committed", recordID)
            SessionMetrics.committed(current.session.summary)
            SessionMetrics.sessionEnded("committed", milliseconds: Self.unixMilliseconds() - current.startedAt)
            current.hub.finish("committed", ["record_id": recordID])
            logger.info("An enrollment session ended with a record", metadata: [LogKey.session: "\(current.session.id)", LogKey.record: "\(recordID)"])
        case .aborted(let reason):
            entry = (Self.actorID(current.owner), "session.aborted.\(reason.rawValue)", nil)
            SessionMetrics.sessionEnded(reason.rawValue, milliseconds: Self.unixMilliseconds() - current.startedAt)
            current.hub.finish("aborted", ["reason": reason.rawValue])
            logger.info("An enrollment session ended without a record (\(reason.rawValue)); nothing of it was kept",
                        metadata: [LogKey.session: "\(current.session.id)", "session.reason": "\(reason.rawValue)"])
        default:
            current.hub.finish("aborted", ["reason": AbortReason.cancelled.rawValue])
            SessionMetrics.sessionEnded(AbortReason.cancelled.rawValue, milliseconds: Self.unixMilliseconds() - current.startedAt)
        }
        ended = (view, current.owner)
        // Everything captured goes now: images, qualities, details, the state machine.
        active = nil
        return entry
    }

    func stepChanged() {
        guard let active else { return }
        active.hub.publish("step", ["session": json(eventView())])
    }

    /// The session for the event stream: no subject details there (docs/sessions.md).
    func eventView() -> SessionView {
        var view = self.view()
        view.subject = nil
        return view
    }

    /// The view after a step: the active session's, or the ended one's.
    func lastView(_ id: String) -> SessionView {
        if let active, active.session.id == id { return view() }
        return ended?.view ?? view()
    }

    static func actorID(_ owner: Principal) -> String {
        owner.role == .station ? "station:\(owner.id)" : owner.id
    }

    static func problem(_ refusal: SessionRefusal) -> APIProblem {
        switch refusal.code {
        // A consent version other than the current text conflicts with the server state (409).
        case .wrongStep, .finished, .attemptsUsed, .consentVersion: APIProblem(.conflict, refusal.code.rawValue, refusal.description)
        default: APIProblem(.unprocessableContent, refusal.code.rawValue, refusal.description)
        }
    }

    static let captureRunning = APIProblem(.conflict, "busy", "A capture is running; wait for it to end.")

    /// The accepted fingers' templates by position (exceptions and captures without
    /// minutiae have none).
    static func fingerTemplates(_ summary: SessionSummary, _ templates: [String: PrintTemplate]) -> [FingerPosition: PrintTemplate] {
        var byFinger: [FingerPosition: PrintTemplate] = [:]
        for (finger, disposition) in summary.fingers {
            if case .captured(let captureID, _, _) = disposition, let template = templates[captureID] { byFinger[finger] = template }
        }
        return byFinger
    }
}
