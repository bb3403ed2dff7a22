import Access
import ControlAPI
import EnrollCore
import HTTPTypes

/// The audit log as the session's steps use it. A step that records a decision (an
/// exception, a duplicate decision, more time) happens only once its entry is on disk; when
/// the entry cannot be written the step is refused with 503 `audit_unavailable` and the
/// session stays where it was, so the operator can retry or call a technician.
extension SessionManager {
    /// Checks `events` on a copy of the session first (the state machine is pure), so a
    /// refused step writes no entry; then writes the entry, then applies them. A step that
    /// another request or the ticker overtook during that write is refused as before, after
    /// its entry: the entry records what was asked and approved, and the session's end
    /// entry follows it.
    func applyAudited(_ events: [SessionEvent], _ caller: Principal, _ action: String, approvedBy: String?) async throws(APIProblem) {
        guard let current = active else { throw Self.noSession }
        var trial = current.session
        let now = parts.now()
        for (index, event) in events.enumerated() {
            do throws(SessionRefusal) {
                _ = try trial.handle(event, at: now)
            } catch {
                // The events before the refused one still happen, as they did one by one
                // (an exception asked for waits for a supervisor even when this one is refused).
                for earlier in events.prefix(index) { try await apply(earlier) }
                throw Self.problem(error)
            }
        }
        try await auditEntry(caller, action, approvedBy: approvedBy)
        for event in events { try await apply(event) }
    }

    /// Writes one entry and waits until it is on disk.
    func auditEntry(_ caller: Principal, _ action: String, approvedBy: String?) async throws(APIProblem) {
        do {
            try await parts.records.audit(actor: caller.id, action: action + (approvedBy.map { ".approved_by:\($0)" } ?? ""), recordID: nil)
        } catch {
            throw Self.auditUnavailable(error)
        }
    }

    static func auditUnavailable(_ error: any Error) -> APIProblem {
        APIProblem(.serviceUnavailable, "audit_unavailable", "The audit log cannot be written (\(error)); nothing was done. Call a technician.")
    }
}
