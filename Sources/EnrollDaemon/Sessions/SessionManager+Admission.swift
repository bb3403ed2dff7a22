import Access
import ControlAPI
import EnrollCore
import HTTPTypes
import Sync

/// Whether a session may start: the record keeper takes records, and a reader and a camera
/// are there when the policy needs fingers and the face. A station asks before it invites
/// anyone in.
extension SessionManager {
    /// The refusal `create` would answer now, or nil when a session would start.
    func admission(for caller: Principal) async -> AdmissionView {
        let recordsRefusal: String?
        do throws(AdmissionRefusal) {
            try await parts.records.admit()
            recordsRefusal = nil
        } catch {
            recordsRefusal = error.reason
        }
        var view = AdmissionView(refusal: await refusal(records: recordsRefusal))
        if !parts.contactText.isEmpty { view.contactText = parts.contactText }
        return view
    }

    /// The refusal given the record keeper's reason (nil: it takes records): maintenance
    /// first, then the keeper, then the devices. Admission and the technician's status both decide here.
    func refusal(records reason: String?) async -> APIProblem? {
        if maintenanceOn { return Self.underMaintenance }
        if let reason { return Self.notAccepting(reason) }
        if let wrong = clockBeforeCertificates() { return Self.notAccepting(wrong) }
        return await deviceMissing()
    }

    /// A clock before the kiosk's own certificates were issued is wrong (a dead clock
    /// battery and no time server): every record would carry a false date, which the
    /// consent and the chain's order are judged by, and none of them could be delivered.
    func clockBeforeCertificates() -> String? {
        guard let earliest = parts.earliestTrueTime() else { return nil }
        let now = parts.wallClock()
        guard now < earliest else { return nil }
        return "this kiosk's clock says \(CertificateWindow.date(now)), before its own certificates were issued (\(CertificateWindow.date(earliest))); "
            + "records must carry the true time: set the clock (timedatectl; check the time server)"
    }


    /// 503 `not_accepting`: the record keeper refuses records (`reason` says why).
    static func notAccepting(_ reason: String) -> APIProblem {
        APIProblem(.serviceUnavailable, "not_accepting", "New enrollments are not accepted: \(reason).")
    }

    /// 503 `no_device` when the policy needs fingers and no reader could give them, or the
    /// face and no camera could take it.
    func deviceMissing() async -> APIProblem? {
        guard let devices = parts.devices else { return nil }
        if !policy.fingers.isEmpty, await !devices.fingerReaderUsable() {
            return APIProblem(.serviceUnavailable, "no_device", "No fingerprint reader is ready, and the session policy needs fingers.")
        }
        if policy.face, await !devices.cameraUsable() {
            return APIProblem(.serviceUnavailable, "no_device", "No camera is attached or working, and the session policy needs the face.")
        }
        return nil
    }
}
