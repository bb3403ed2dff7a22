import Access
import ControlAPI
import EnrollCore
@testable import EnrollDaemon
import Foundation
import Logging
import Synchronization
import TestSupport
import Testing

/// The session manager with stand-ins where the daemon has devices and a store: paths the
/// running-daemon tests cannot reach (a duplicate found, a supervisor's override, a step
/// deadline passed on a clock the test moves, a commit that fails).
@Suite struct SessionManagerTests {
    let operatorA = Principal(id: "op1", role: .operator, via: .pin)
    let supervisor = Principal(id: "sup1", role: .supervisor, via: .pin)
    let station = Principal(id: "station", role: .station, via: .station)

    func manager(candidates: [DuplicateCandidate] = [], searchFailure: String? = nil, records: FakeSessionRecords = FakeSessionRecords(),
                 clock: FakeClock = FakeClock(), log: KeptLog? = nil,
                 fingers: any FingerCapturing = FakeFingerCapture(), readers: (any DevicePresence)? = nil, face: Bool = false,
                 policyFingers: [FingerPosition] = [.rightIndex], earliestTrueTime: Int64? = nil,
                 wallClock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) -> SessionManager {
        var policy = SessionPolicy.standard
        policy.fingers = policyFingers
        policy.face = face
        return SessionManager(parts: .init(
            policy: policy, fingers: fingers, camera: nil,
            fingerQuality: UnassessedFingerQuality(), faceQuality: UnassessedFaceQuality(),
            duplicates: FakeDuplicateSearch(found: candidates, failure: searchFailure), records: records, now: { clock.now }, devices: readers,
            earliestTrueTime: { earliestTrueTime }, wallClock: wallClock),
            logger: log.map { capture in Logger(label: "test") { _ in capture } } ?? Logger(label: "test"))
    }

    /// Through consent, details and the one finger, as `who`.
    func capture(_ sessions: SessionManager, as who: Principal) async throws -> SessionView {
        let id = try await sessions.create(by: who).id
        _ = try await sessions.consent(id, version: "1", accepted: true, by: who)
        _ = try await sessions.subject(id, fields: ["reference": "R-1"], by: who)
        let result = try await sessions.captureFinger(id, finger: .rightIndex, by: who)
        #expect(result.outcome == "accepted" && result.quality?.assessed == false && result.quality?.score == nil)
        return result.session
    }

    /// The session's event stream: the reader sensing the finger, and a device changing
    /// while the session is open.
    @Test func theLiveStreamCarriesFingerPresentAndDeviceHealth() async throws {
        let sessions = manager()
        let id = try await sessions.create(by: operatorA).id
        let stream = try await sessions.events(id, for: operatorA)
        _ = try await sessions.consent(id, version: "1", accepted: true, by: operatorA)
        _ = try await sessions.subject(id, fields: ["reference": "R-1"], by: operatorA)
        _ = try await sessions.captureFinger(id, finger: .rightIndex, by: operatorA)
        await sessions.deviceChanged(DeviceSummary(id: "virtual_image/0", kind: .fingerprintReader, name: "Virtual", driver: "virtual_image", health: .removed))
        var types: [String] = []
        var health: String?
        for await message in stream {
            let type = message.split(separator: "\n").first.map { String($0.dropFirst("event: ".count)) } ?? ""
            types.append(type)
            if type == "device_health" {
                health = message.contains("\"health\":\"removed\"") ? "removed" : "other"
                break
            }
        }
        #expect(types.contains("finger_needed") && types.contains("finger_present") && types.contains("finger_quality"), "\(types)")
        #expect(types.firstIndex(of: "finger_present")! > types.firstIndex(of: "finger_needed")!)
        #expect(health == "removed")
    }

    @Test func aDuplicateNeedsASupervisorAndTheOverrideIsRecorded() async throws {
        let earlier = RecordID(unixMilliseconds: 1_700_000_000_000).description
        let records = FakeSessionRecords()
        let sessions = manager(candidates: [DuplicateCandidate(recordID: earlier, score: 81)], records: records)
        let view = try await capture(sessions, as: operatorA)
        #expect(view.step == "duplicate_decision" && view.duplicateCandidates?.first?.recordID == earlier)
        await #expect(throws: APIProblem.self) {
            try await sessions.decide(view.id, .notDuplicate, supervisorID: "", by: operatorA)
        }
        let decided = try await sessions.decide(view.id, .notDuplicate, supervisorID: "sup1", by: operatorA)
        #expect(decided.step == "review" && decided.duplicateDecision == "not_duplicate")
        let committed = try await sessions.confirm(view.id, by: operatorA)
        #expect(committed.step == "committed")
        let payload = try #require(records.committed.first)
        #expect(payload.manifest.duplicateCheck.decision == .operatorConfirmedNew)
        #expect(payload.manifest.duplicateCheck.candidates.map(\.recordID.description) == [earlier])
        #expect(payload.manifest.subjectFields == [.init(name: "reference", value: "R-1")])
        #expect(payload.parts.map(\.kind) == [.fingerImage, .fingerTemplate])
        #expect(records.audit.contains("op1 session.duplicate.not_duplicate.approved_by:sup1"))
    }

    @Test func aSupervisorConfirmingTheSamePersonEndsWithNothingKept() async throws {
        let records = FakeSessionRecords()
        let sessions = manager(candidates: [DuplicateCandidate(recordID: RecordID(unixMilliseconds: 1).description, score: 90)], records: records)
        let view = try await capture(sessions, as: supervisor)
        let ended = try await sessions.decide(view.id, .samePerson, supervisorID: supervisor.id, by: supervisor)
        #expect(ended.step == "aborted" && ended.abortReason == "duplicate_confirmed" && ended.subject == nil)
        #expect(records.committed.isEmpty)
        #expect(await !sessions.hasActiveSession)
    }

    @Test func aStationLeavesDuplicatesUnresolvedForTheCentralOffice() async throws {
        let records = FakeSessionRecords()
        let sessions = manager(candidates: [DuplicateCandidate(recordID: RecordID(unixMilliseconds: 1).description, score: 90)], records: records)
        let view = try await capture(sessions, as: station)
        #expect(view.step == "review" && view.duplicateDecision == "unresolved")
        _ = try await sessions.confirm(view.id, by: station)
        #expect(records.committed.first?.manifest.duplicateCheck.decision == .notChecked)
        #expect(records.committed.first?.manifest.operatorID == "station:station")
    }

    /// A search that ran and found nobody is "no candidates"; one that failed, or had no
    /// finger to search with, is "not checked": the record must not claim a check that did
    /// not happen.
    @Test func theRecordSaysNoCandidatesOnlyWhenTheSearchRan() async throws {
        let searched = FakeSessionRecords()
        let cleanSessions = manager(records: searched)
        let clean = try await capture(cleanSessions, as: operatorA)
        #expect(clean.step == "review" && clean.duplicateDecision == nil)
        _ = try await cleanSessions.confirm(clean.id, by: operatorA)
        #expect(searched.committed.first?.manifest.duplicateCheck.decision == .noCandidates)
        let failed = FakeSessionRecords()
        let sessions = manager(searchFailure: "the gallery is unavailable: the gallery key is not available", records: failed)
        let view = try await capture(sessions, as: operatorA)
        #expect(view.step == "review" && view.duplicateDecision == "not_checked" && view.duplicateCandidates == nil)
        _ = try await sessions.confirm(view.id, by: operatorA)
        let record = try #require(failed.committed.first)
        #expect(record.manifest.duplicateCheck.decision == .notChecked && record.manifest.duplicateCheck.candidates.isEmpty)
    }

    /// A technician reading the journal sees how each session ended, by its random id and
    /// the record id only: never the reference or other details.
    @Test func everySessionsEndIsJournalledWithoutPersonalData() async throws {
        let log = KeptLog()
        let sessions = manager(log: log)
        let kept = try await capture(sessions, as: operatorA)
        let committed = try await sessions.confirm(kept.id, by: operatorA)
        let dropped = try await sessions.create(by: operatorA).id
        _ = try await sessions.cancel(dropped, by: operatorA)
        let endings = log.messages.filter { $0.hasPrefix("An enrollment session ended") }
        #expect(endings == ["An enrollment session ended with a record",
                            "An enrollment session ended without a record (cancelled); nothing of it was kept"], "\(log.messages)")
        #expect(committed.recordID != nil)
        #expect(!log.messages.joined().contains("R-1"))
    }

    @Test func withEveryFingerAnExceptionTheCheckIsNotRun() async throws {
        let records = FakeSessionRecords()
        let sessions = manager(candidates: [DuplicateCandidate(recordID: RecordID(unixMilliseconds: 1).description, score: 90)], records: records)
        let id = try await sessions.create(by: operatorA).id
        _ = try await sessions.consent(id, version: "1", accepted: true, by: operatorA)
        _ = try await sessions.subject(id, fields: ["reference": "R-1"], by: operatorA)
        let view = try await sessions.fingerException(id, finger: .rightIndex, CaptureException(reason: .bandaged, approvedBy: "sup1"), by: operatorA)
        #expect(view.step == "review" && view.duplicateDecision == "not_checked", "the fake's candidate was never asked for")
        _ = try await sessions.confirm(id, by: operatorA)
        #expect(records.committed.first?.manifest.duplicateCheck.decision == .notChecked)
    }

    @Test func aPassedDeadlineEndsTheSessionOnTheNextTick() async throws {
        let clock = FakeClock()
        let sessions = manager(clock: clock)
        let id = try await sessions.create(by: station).id
        let events = try await sessions.events(id, for: station)
        clock.advance(.seconds(119))
        await sessions.tick()
        #expect(try await sessions.session(id, for: station).step == "consent")
        clock.advance(.seconds(1))
        await sessions.tick()
        let ended = try await sessions.session(id, for: station)
        #expect(ended.step == "aborted" && ended.abortReason == "timed_out")
        var messages: [String] = []
        for await message in events { messages.append(message) }
        #expect(messages.first?.hasPrefix("event: step") == true)
        #expect(messages.last?.contains("\"reason\":\"timed_out\"") == true, "\(messages)")
    }

    @Test func aFailedCommitGoesBackToReviewAndSaysWhy() async throws {
        let records = FakeSessionRecords(commitError: "the disk is full")
        let sessions = manager(records: records)
        let view = try await capture(sessions, as: operatorA)
        #expect(view.step == "review")
        await #expect(throws: APIProblem.self) { try await sessions.confirm(view.id, by: operatorA) }
        let after = try await sessions.session(view.id, for: operatorA)
        #expect(after.step == "review" && after.lastError?.contains("the disk is full") == true)
    }

    @Test func ownershipAndTheOneSessionRule() async throws {
        let sessions = manager()
        let id = try await sessions.create(by: operatorA).id
        let other = Principal(id: "op2", role: .operator, via: .pin)
        do {
            _ = try await sessions.create(by: other)
            Issue.record("a second session started")
        } catch {
            #expect(error.code == "session_active" && error.sessionID == nil, "another operator must not learn the id")
        }
        await #expect(throws: APIProblem.self) { try await sessions.session(id, for: other) }
        await #expect(throws: APIProblem.self) { try await sessions.session(id, for: station) }
        #expect(try await sessions.session(id, for: supervisor).id == id)
        #expect(try await sessions.cancel(id, by: supervisor).step == "aborted")
        #expect(try await sessions.create(by: other).step == "consent")
    }

    @Test func admissionRefusalIsA503WithTheReason() async throws {
        let sessions = manager(records: FakeSessionRecords(refusal: "the outbox is full"))
        do {
            _ = try await sessions.create(by: operatorA)
            Issue.record("a session started although records cannot be kept")
        } catch {
            #expect(error.description.hasPrefix("503 ") && error.code == "not_accepting" && error.message.contains("the outbox is full"))
        }
    }
}

final class FakeClock: Sendable {
    private let base = ContinuousClock.now
    private let offset = Mutex(Duration.zero)
    var now: ContinuousClock.Instant { base + offset.withLock { $0 } }
    func advance(_ by: Duration) { offset.withLock { $0 += by } }
}

struct FakeFingerCapture: FingerCapturing {
    func capture(fingerPresent: @escaping @Sendable () -> Void) async throws(ReaderError) -> CaptureOutcome {
        fingerPresent()
        let image = FingerprintImage(width: 8, height: 8, pixels: [UInt8](repeating: 200, count: 64))
        return .captured(Capture(image: image, reader: ReaderIdentity(driver: "fake", deviceID: "0", name: "Fake", scanType: .press)))
    }
    func minutiae(of image: FingerprintImage) async -> [Minutia]? {
        [Minutia(x: 3, y: 4, angle: 90), Minutia(x: 5, y: 1, angle: -45)]
    }
    func cancel() async {}
}

struct FakeDuplicateSearch: DuplicateSearching {
    struct Failure: Error { let reason: String }
    let found: [DuplicateCandidate]
    var failure: String?
    func candidates(for probes: [FingerPosition: PrintTemplate], limit: Int) async throws -> [DuplicateCandidate] {
        if let failure { throw Failure(reason: failure) }
        return found
    }
    func insert(recordID: String, templates: [FingerPosition: PrintTemplate]) async throws {}
}

final class FakeSessionRecords: SessionRecords {
    private let state = Mutex<(committed: [RecordPayload], audit: [String])>(([], []))
    let refusal: String?
    let commitError: String?

    init(refusal: String? = nil, commitError: String? = nil) {
        self.refusal = refusal
        self.commitError = commitError
    }

    var committed: [RecordPayload] { state.withLock { $0.committed } }
    var audit: [String] { state.withLock { $0.audit } }

    func admit() throws(AdmissionRefusal) {
        if let refusal { throw AdmissionRefusal(reason: refusal) }
    }

    func commit(_ payload: RecordPayload, actor: String) throws -> String {
        if let commitError { throw AdmissionRefusal(reason: commitError) }
        state.withLock { $0.committed.append(payload) }
        return payload.manifest.recordID.description
    }

    func audit(actor: String, action: String, recordID: String?) async throws {
        state.withLock { $0.audit.append("\(actor) \(action)") }
    }
}
