import Access
import ControlAPI
import EnrollCore
@testable import EnrollDaemon
import Foundation
import Logging
import Synchronization
import Testing

/// What a session does when its audit entry cannot be written (the store's own failure is
/// tested with real SQLite in AuditDurabilityTests): a start or a decision is refused with
/// 503 and changes nothing; a cancel, which wipes, still ends the session.
@Suite struct SessionAuditTests {
    let operatorA = Principal(id: "op1", role: .operator, via: .pin)

    let clock = FakeClock()

    func manager(_ records: FakeUnwritableAudit) -> SessionManager {
        var policy = SessionPolicy.standard
        policy.fingers = [.rightIndex]
        policy.face = false
        return SessionManager(parts: .init(
            policy: policy, fingers: FakeFingerCapture(), camera: nil,
            fingerQuality: UnassessedFingerQuality(), faceQuality: UnassessedFaceQuality(),
            duplicates: FakeDuplicateSearch(found: []), records: records, now: { [clock] in clock.now }), logger: Logger(label: "test"))
    }

    func code(_ body: () async throws(APIProblem) -> SessionView) async -> String? {
        do { _ = try await body() } catch { return error.code }
        return nil
    }

    @Test func aSessionDoesNotStartWithoutItsEntry() async throws {
        let records = FakeUnwritableAudit(writable: false)
        let sessions = manager(records)
        #expect(await code { () throws(APIProblem) in try await sessions.create(by: operatorA) } == "audit_unavailable")
        #expect(await code { () throws(APIProblem) in try await sessions.current(for: operatorA) } == "not_found", "no session was left open")
        records.writable = true
        let started = try await sessions.create(by: operatorA)
        #expect(started.step == "consent")
        #expect(records.audit == ["op1 session.started"])
    }

    @Test func aDecisionWaitsForItsEntryButACancelDoesNot() async throws {
        let records = FakeUnwritableAudit(writable: true)
        let sessions = manager(records)
        let id = try await sessions.create(by: operatorA).id
        let before = await sessions.lastView(id)
        records.writable = false
        clock.advance(.seconds(10))

        #expect(await code { () throws(APIProblem) in try await sessions.moreTime(id, by: operatorA) } == "audit_unavailable")
        let after = await sessions.lastView(id)
        // More time granted would have put the deadline back to its full length.
        #expect(after.step == before.step && after.deadlineSeconds == before.deadlineSeconds - 10, "the deadline did not move")
        // A step the state machine refuses is refused as before, without an entry.
        #expect(await code { () throws(APIProblem) in try await sessions.decide(id, .notDuplicate, supervisorID: "sup1", by: operatorA) } == "wrong_step")

        let cancelled = try await sessions.cancel(id, by: operatorA)
        #expect(cancelled.step == "aborted")
        #expect(await code { () throws(APIProblem) in try await sessions.current(for: operatorA) } == "not_found")
        #expect(records.audit == ["op1 session.started"], "nothing was written while the store refused")
    }
}

/// Session records whose audit log the test switches between writable and refusing.
final class FakeUnwritableAudit: SessionRecords {
    struct Refused: Error {}
    private let state: Mutex<(writable: Bool, audit: [String])>

    init(writable: Bool) { state = Mutex((writable, [])) }

    var writable: Bool {
        get { state.withLock { $0.writable } }
        set { state.withLock { $0.writable = newValue } }
    }
    var audit: [String] { state.withLock { $0.audit } }

    func admit() async throws(AdmissionRefusal) {}
    func commit(_ payload: RecordPayload, actor: String) async throws -> String { payload.manifest.recordID.description }
    func audit(actor: String, action: String, recordID: String?) async throws {
        try state.withLock { state in
            guard state.writable else { throw Refused() }
            state.audit.append("\(actor) \(action)")
        }
    }
}
