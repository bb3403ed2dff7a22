import Access
import ControlAPI
import EnrollCore
import EventLog
import Foundation
import HTTPTypes
import Logging

/// Runs enrollments with the real devices: drives EnrollCore's pure `EnrollmentSession`,
/// holds the captures in memory until commit or wipe, and tells the live streams what
/// happens. At most one session is active per station; a second start answers 409 with
/// the running session's id.
actor SessionManager {
    struct Parts: Sendable {
        var policy: SessionPolicy
        var fingers: any FingerCapturing
        var camera: (any FaceCamera)?
        var fingerQuality: any FingerQualityAssessing
        var faceQuality: any FaceQualityAssessing
        var duplicates: any DuplicateSearching
        /// At most this many duplicate candidates are shown (`matching.candidates`).
        var candidateLimit = 10
        var records: any SessionRecords
        /// The clock the state machine reads; tests move it by hand.
        var now: @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
        /// Asked before a session starts whether the reader and camera its policy needs are
        /// there (the device registry); nil only in tests that give no registry.
        var devices: (any DevicePresence)?
        /// The configured version's consent texts, one per language the kiosk offers,
        /// shown at the consent step.
        var consentTexts: [ConsentTextView] = []
        /// The centre's contact line by language (`kiosk.contact_text`), for the end screen.
        var contactText: [String: String] = [:]
        /// Unix seconds no true clock can be before: when the kiosk's own certificates were
        /// issued. nil until sync has started (nothing to judge the clock by); asked each
        /// time, since sync may start after the daemon (TLS files put in place later).
        var earliestTrueTime: @Sendable () -> Int64? = { nil }
        /// The kiosk's clock, Unix seconds, which records are dated by; tests set it.
        var wallClock: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
    }

    /// The session in progress and everything it holds. All of it is dropped on wipe.
    struct Active {
        var session: EnrollmentSession
        let owner: Principal
        let startedAt: Int64
        let hub = SessionEventHub()
        /// Accepted captures by capture id: PNG finger images, the JPEG photograph.
        var images: [String: [UInt8]] = [:]
        var qualities: [String: QualityView] = [:]
        /// Minutiae of accepted finger captures, by capture id: the duplicate check's probes
        /// and the record's templates. Wiped with everything else.
        var templates: [String: PrintTemplate] = [:]
        var fingerAttempts: [FingerPosition: Int] = [:]
        var faceAttempts = 0
        var capturing = false
        /// The capture waiting on the reader, so `cancelFinger` can end just that one.
        var fingerWait: Task<Result<CaptureOutcome, ReaderError>, Never>?
        var latestFrame: FaceFrame?
    }

    let parts: Parts
    let logger: Logger
    var active: Active?
    /// The last session after it ended, without subject data, for its owner to read.
    var ended: (view: SessionView, owner: Principal)?
    var preview: Task<Void, Never>?
    /// New sessions held back for a technician (SessionManager+Maintenance).
    var maintenanceOn = false

    init(parts: Parts, logger: Logger) {
        self.parts = parts
        self.logger = logger
    }

    var policy: SessionPolicy { parts.policy }

    // MARK: Starting and finding

    func create(by caller: Principal) async throws(APIProblem) -> SessionView {
        try refuseIfRunning(caller)
        do throws(AdmissionRefusal) {
            try await parts.records.admit()
        } catch {
            throw Self.notAccepting(error.reason)
        }
        // The record keeper takes records; the rest of the order is admission's own.
        if let refused = await refusal(records: nil) { throw refused }
        // Admission awaited the store and the device check the registry: another start may
        // have come in meanwhile.
        try refuseIfRunning(caller)
        let mode: SessionMode = caller.role == .station ? .unattended(stationID: caller.id) : .staffed(operatorID: caller.id)
        let id = UUID().uuidString.lowercased()
        let session = EnrollmentSession(id: id, mode: mode, policy: policy, at: parts.now())
        active = Active(session: session, owner: caller, startedAt: Self.unixMilliseconds())
        ended = nil
        // Held as the active session while its entry is written, so no second start slips
        // in; without the entry on disk the session does not start (nothing is captured yet).
        do throws(APIProblem) {
            try await auditEntry(caller, "session.started", approvedBy: nil)
        } catch {
            if self.active?.session.id == id { self.active = nil }
            throw error
        }
        logger.info("An enrollment session started", metadata: [LogKey.session: "\(id)"])
        return view()
    }

    func refuseIfRunning(_ caller: Principal) throws(APIProblem) {
        guard let active, !active.session.step.isFinal else { return }
        var problem = APIProblem(.conflict, "session_active", "A session is already running at this station; finish or cancel it first.")
        problem.sessionID = canSee(active.owner, caller) ? active.session.id : nil
        throw problem
    }

    func current(for caller: Principal) throws(APIProblem) -> SessionView {
        guard let active, !active.session.step.isFinal, canSee(active.owner, caller) else {
            throw APIProblem(.notFound, "not_found", "No session is running for you.")
        }
        return view()
    }

    func session(_ id: String, for caller: Principal) throws(APIProblem) -> SessionView {
        if let active, active.session.id == id {
            try requireOwner(active.owner, caller)
            return view()
        }
        if let ended, ended.view.id == id {
            try requireOwner(ended.owner, caller)
            return ended.view
        }
        throw Self.noSession
    }

    func events(_ id: String, for caller: Principal) throws(APIProblem) -> AsyncStream<String> {
        let current = try owned(id, caller)
        return current.hub.subscribe(first: SessionEventHub.message("step", ["session": json(eventView())]))
    }

    // MARK: Ownership

    /// Staffed: the operator who started it, or any supervisor. Unattended: stations.
    func canSee(_ owner: Principal, _ caller: Principal) -> Bool {
        if owner.role == .station { return caller.role == .station }
        return caller.id == owner.id && caller.role != .station || caller.role == .supervisor
    }

    func requireOwner(_ owner: Principal, _ caller: Principal) throws(APIProblem) {
        guard canSee(owner, caller) else { throw APIProblem.forbiddenSession }
    }

    /// The active session `id`, if the caller may act on it.
    func owned(_ id: String, _ caller: Principal) throws(APIProblem) -> Active {
        guard let active, active.session.id == id else {
            if let ended, ended.view.id == id {
                try requireOwner(ended.owner, caller)
                throw APIProblem(.conflict, "finished", "The session has ended.")
            }
            throw Self.noSession
        }
        try requireOwner(active.owner, caller)
        return active
    }

    static let noSession = APIProblem(.notFound, "not_found", "No such session.")

    static func unixMilliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

extension APIProblem {
    static let forbiddenSession = APIProblem(.forbidden, "forbidden", "This session belongs to someone else.")
}
