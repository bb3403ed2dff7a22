import Access
import ControlAPI
import EnrollCore
@testable import EnrollDaemon
import EventLog
import Foundation
import Logging
import TestSupport
import Testing

/// Shut-down ends the open session visibly: an audit entry and one catalogued journal line
/// with the session id and the reason, and nothing about the person.
@Suite struct SessionShutdownTests {
    let station = Principal(id: "station", role: .station, via: .station)
    /// The steps' deadlines on a clock that only the test moves: in a full run on two
    /// shared cores this test once waited past a step's time for its turn, and the session
    /// had timed out before the shutdown it is about.
    let clock = FakeClock()

    func manager(records: FakeSessionRecords, log: KeptLog) -> SessionManager {
        var policy = SessionPolicy.standard
        policy.fingers = [.rightIndex, .leftIndex]
        policy.face = false
        return SessionManager(parts: .init(
            policy: policy, fingers: FakeFingerCapture(), camera: nil,
            fingerQuality: UnassessedFingerQuality(), faceQuality: UnassessedFaceQuality(),
            duplicates: FakeDuplicateSearch(found: []), records: records, now: { [clock] in clock.now }),
            logger: Logger(label: "test") { _ in log })
    }

    @Test func anOpenSessionEndsWithTheDaemonAndSaysSo() async throws {
        let records = FakeSessionRecords()
        let log = KeptLog()
        let sessions = manager(records: records, log: log)
        let id = try await sessions.create(by: station).id
        _ = try await sessions.consent(id, version: "1", accepted: true, by: station)
        _ = try await sessions.subject(id, fields: ["reference": "PERSON-REF-77"], by: station)
        _ = try await sessions.captureFinger(id, finger: .rightIndex, by: station)
        let stream = try await sessions.events(id, for: station)

        await sessions.stopForShutdown()

        let ended = try await sessions.session(id, for: station)
        #expect(ended.step == "aborted" && ended.abortReason == "daemon_stopping")
        #expect(ended.subject == nil)
        await #expect(throws: APIProblem.self) { try await sessions.current(for: self.station) }
        #expect(records.audit.filter { $0.hasSuffix("session.aborted.daemon_stopping") } == ["station:station session.aborted.daemon_stopping"])
        #expect(records.committed.isEmpty)
        let lines = log.entries.filter { $0.metadata[LogKey.messageID] == .string(CatalogEvent.sessionEndedByStop.messageID) }
        #expect(lines.count == 1)
        #expect(lines.first?.metadata[LogKey.session] == .string(id))
        #expect(lines.first?.metadata["session.end_reason"] == .string("daemon stopping"))
        #expect(!log.entries.contains { "\($0.message) \($0.metadata)".contains("PERSON-REF-77") }, "subject data in the journal")
        // The page's stream hears the end with the reason.
        var last = ""
        for await message in stream { last = message }
        #expect(last.hasPrefix("event: aborted") && last.contains("daemon_stopping"), "\(last)")
    }

    @Test func withNoOpenSessionNothingIsLoggedOrAudited() async throws {
        let records = FakeSessionRecords()
        let log = KeptLog()
        let sessions = manager(records: records, log: log)
        await sessions.stopForShutdown()
        // An ended session is not ended again.
        let id = try await sessions.create(by: station).id
        _ = try await sessions.cancel(id, by: station)
        let before = records.audit
        await sessions.stopForShutdown()
        #expect(records.audit == before)
        #expect(!log.entries.contains { $0.metadata[LogKey.messageID] == .string(CatalogEvent.sessionEndedByStop.messageID) })
    }
}
