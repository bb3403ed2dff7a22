import Access
import ControlAPI
import EnrollCore
import HTTPTypes

/// Whether a session may start: the record keeper takes records, and a reader is there
/// when the policy needs fingers. A station asks before it invites anyone in.
extension SessionManager {
    /// The refusal `create` would answer now, or nil when a session would start.
    func admission(for caller: Principal) async -> AdmissionView {
        do throws(AdmissionRefusal) {
            try await parts.records.admit()
        } catch {
            return AdmissionView(refusal: APIProblem(.serviceUnavailable, "not_accepting", "New enrollments are not accepted: \(error.reason)."))
        }
        return AdmissionView(refusal: await readerMissing())
    }

    /// 503 `no_device` when the policy needs fingers and no reader could give them.
    func readerMissing() async -> APIProblem? {
        guard !policy.fingers.isEmpty, let readers = parts.readers, await !readers.fingerReaderUsable() else { return nil }
        return APIProblem(.serviceUnavailable, "no_device", "No fingerprint reader is ready, and the session policy needs fingers.")
    }
}
