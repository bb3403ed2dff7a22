import Access
import EnrollCore

/// What the session routes ask of the daemon's session manager. Each call names the
/// caller, so ownership is checked where the session lives; refusals are `APIProblem`s.
public protocol SessionOperations: Sendable {
    func create(by caller: Principal) async throws(APIProblem) -> SessionView
    func current(for caller: Principal) async throws(APIProblem) -> SessionView
    func session(_ id: String, for caller: Principal) async throws(APIProblem) -> SessionView
    /// The consent answer; `byGuardian`: a parent's or guardian's for a child; `shown`: the
    /// text on screen, which a "yes" must name while the daemon serves texts.
    func consent(_ id: String, version: String, shown: ShownConsent?, accepted: Bool, byGuardian: Bool,
                 by caller: Principal) async throws(APIProblem) -> SessionView
    func subject(_ id: String, fields: [String: String], by caller: Principal) async throws(APIProblem) -> SessionView
    func captureFinger(_ id: String, finger: FingerPosition, by caller: Principal) async throws(APIProblem) -> CaptureResultView
    func fingerException(_ id: String, finger: FingerPosition, _ exception: CaptureException, by caller: Principal) async throws(APIProblem) -> SessionView
    func captureFace(_ id: String, by caller: Principal) async throws(APIProblem) -> CaptureResultView
    func faceException(_ id: String, _ exception: CaptureException, by caller: Principal) async throws(APIProblem) -> SessionView
    func decide(_ id: String, _ decision: DuplicateDecision, supervisorID: String, by caller: Principal) async throws(APIProblem) -> SessionView
    func confirm(_ id: String, by caller: Principal) async throws(APIProblem) -> SessionView
    func cancel(_ id: String, by caller: Principal) async throws(APIProblem) -> SessionView
    /// Server-sent event messages, already formatted (`event:` + `data:`), ending after
    /// `committed` or `aborted`.
    func events(_ id: String, for caller: Principal) async throws(APIProblem) -> AsyncStream<String>
    /// Stops the session's capture that waits for a finger; its request then answers 409
    /// `cancelled` without counting an attempt. Nothing happens when none waits.
    func cancelFinger(_ id: String, by caller: Principal) async throws(APIProblem)
    /// Whether `create` would start a session now; when not, the code and reason it would
    /// answer with.
    func admission(for caller: Principal) async -> AdmissionView
    /// Starts the current step's wait again (staff asking for more time).
    func moreTime(_ id: String, by caller: Principal) async throws(APIProblem) -> SessionView
    /// From the review back to the details step, captures kept ("Change details").
    func changeDetails(_ id: String, by caller: Principal) async throws(APIProblem) -> SessionView
    /// Reads (`on` nil) or switches maintenance: new sessions held back, the open one left
    /// to finish (technicians, socket only).
    func maintenance(_ on: Bool?, by caller: Principal) async throws(APIProblem) -> MaintenanceView
}

extension SessionOperations {
    /// An answer naming no text: taken where the daemon serves none.
    public func consent(_ id: String, version: String, accepted: Bool, byGuardian: Bool, by caller: Principal) async throws(APIProblem) -> SessionView {
        try await consent(id, version: version, shown: nil, accepted: accepted, byGuardian: byGuardian, by: caller)
    }

    /// The person's own answer.
    public func consent(_ id: String, version: String, accepted: Bool, by caller: Principal) async throws(APIProblem) -> SessionView {
        try await consent(id, version: version, accepted: accepted, byGuardian: false, by: caller)
    }
}
