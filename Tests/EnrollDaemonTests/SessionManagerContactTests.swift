import Access
import ControlAPI
import EnrollCore
import Foundation
@testable import EnrollDaemon
import Logging
import Testing

/// `kiosk.contact_text` reaches the page with the session (`contact_text`), so the end
/// screen can show whom to ask; none configured, none sent.
extension SessionManagerTests {
    func manager(contact: [String: String], records: FakeSessionRecords) -> SessionManager {
        var policy = SessionPolicy.standard
        policy.fingers = [.rightIndex]
        policy.face = false
        return SessionManager(parts: .init(
            policy: policy, fingers: FakeFingerCapture(), camera: nil,
            fingerQuality: UnassessedFingerQuality(), faceQuality: UnassessedFaceQuality(),
            duplicates: FakeDuplicateSearch(found: [], failure: nil), records: records, now: { [clock = FakeClock()] in clock.now }, contactText: contact),
            logger: Logger(label: "test"))
    }

    @Test func theContactLineComesWithTheSessionAndStaysAfterTheCommit() async throws {
        let contact = ["fa": "دفتر ثبت‌نام، تلفن ۰۲۱-۱۲۳۴", "en": "Registration office, phone 021-1234"]
        let sessions = manager(contact: contact, records: FakeSessionRecords())
        let view = try await capture(sessions, as: station)
        #expect(view.contactText == contact)
        let committed = try await sessions.confirm(view.id, by: station)
        #expect(committed.step == "committed" && committed.contactText == contact && committed.recordID != nil)
        // The ended view keeps no subject detail, only what the end screen needs.
        #expect(committed.subject == nil && committed.moreTimeLeft == nil)
    }

    @Test func noContactLineConfiguredNoneSent() async throws {
        let sessions = manager(contact: [:], records: FakeSessionRecords())
        let view = try await sessions.create(by: operatorA)
        #expect(view.contactText == nil)
        #expect(await sessions.admission(for: station).contactText == nil)
    }

    /// A station asks for admission before any session: the contact line comes with the
    /// answer, so "out of service" can say whom to ask.
    @Test func theContactLineComesWithTheAdmission() async throws {
        let contact = ["fa": "میز ۳، طبقهٔ همکف", "en": "Desk 3, ground floor"]
        let answer = await manager(contact: contact, records: FakeSessionRecords()).admission(for: station)
        #expect(answer.accepting && answer.contactText == contact)
        let json = try String(decoding: JSONEncoder().encode(answer), as: UTF8.self)
        #expect(json.contains("\"contact_text\""), "\(json)")
    }
}
