import Access
import ControlAPI
import EnrollCore
import Foundation
import Logging
import Synchronization
import Testing
@testable import EnrollDaemon

/// Admission awaits the store's thread, so the session manager (an actor) takes other calls
/// while it waits: two starts that both pass the first "is a session running?" check must
/// still end with one session, the other start answered 409.
@Suite struct SessionAdmissionRaceTests {
    @Test func twoStartsWaitingForAdmissionMakeOneSession() async throws {
        let records = GatedSessionRecords()
        var policy = SessionPolicy.standard
        policy.fingers = [.rightIndex]
        policy.face = false
        let sessions = SessionManager(parts: .init(
            policy: policy, fingers: FakeFingerCapture(), camera: nil,
            fingerQuality: UnassessedFingerQuality(), faceQuality: UnassessedFaceQuality(),
            duplicates: FakeDuplicateSearch(found: []), records: records, now: { [clock = FakeClock()] in clock.now }),
            logger: Logger(label: "test"))
        let first = Principal(id: "op1", role: .operator, via: .pin)
        let second = Principal(id: "op2", role: .operator, via: .pin)
        let starts = [first, second].map { who in
            Task { () async -> Result<SessionView, APIProblem> in
                do throws(APIProblem) { return .success(try await sessions.create(by: who)) } catch { return .failure(error) }
            }
        }
        // Both are inside admission (so both passed the check before it); then let them on.
        await records.waitForWaiters(2)
        records.open()
        var views: [SessionView] = []
        var refusals: [APIProblem] = []
        for start in starts {
            switch await start.value {
            case .success(let view): views.append(view)
            case .failure(let problem): refusals.append(problem)
            }
        }
        #expect(views.count == 1 && views.first?.step == "consent")
        #expect(refusals.count == 1 && refusals.first?.code == "session_active", "\(refusals)")
        // Only the session that started is in the audit log.
        #expect(records.audit.filter { $0.hasSuffix("session.started") }.count == 1)
    }
}

/// Session records whose admission waits until the test opens it.
final class GatedSessionRecords: SessionRecords {
    private struct State {
        var open = false
        var waiting: [CheckedContinuation<Void, Never>] = []
        var arrived = 0
        var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
        var audit: [String] = []
    }
    private let state = Mutex(State())

    var audit: [String] { state.withLock { $0.audit } }

    func admit() async throws(AdmissionRefusal) {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let (resume, ready) = state.withLock { state in
                state.arrived += 1
                if !state.open { state.waiting.append(continuation) }
                let ready = state.watchers.filter { $0.count <= state.arrived }.map(\.continuation)
                state.watchers.removeAll { $0.count <= state.arrived }
                return (state.open, ready)
            }
            for watcher in ready { watcher.resume() }
            if resume { continuation.resume() }
        }
    }

    /// Returns once `count` admissions are waiting (or have passed).
    func waitForWaiters(_ count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state in
                if state.arrived >= count { return true }
                state.watchers.append((count, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }

    func open() {
        let waiting = state.withLock { state in
            state.open = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    func commit(_ payload: RecordPayload, actor: String) async throws -> String {
        payload.manifest.recordID.description
    }

    func audit(actor: String, action: String, recordID: String?) async throws {
        state.withLock { $0.audit.append("\(actor) \(action)") }
    }
}
