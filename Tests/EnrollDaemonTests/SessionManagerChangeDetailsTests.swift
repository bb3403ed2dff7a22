import Access
import ControlAPI
import EnrollCore
@testable import EnrollDaemon
import Logging
import Testing

/// "Change details" through the session manager, and the consent texts in the view.
extension SessionManagerTests {
    @Test(arguments: [true, false])
    func changedDetailsReachTheRecordWithTheCapturesKept(staffed: Bool) async throws {
        let records = FakeSessionRecords()
        let sessions = manager(records: records)
        let who = staffed ? operatorA : station
        let reviewed = try await capture(sessions, as: who)
        #expect(reviewed.step == "review")
        let editing = try await sessions.changeDetails(reviewed.id, by: who)
        #expect(editing.step == "subject" && editing.subject == ["reference": "R-1"])
        #expect(editing.fingers.first?.state == "captured")
        let back = try await sessions.subject(reviewed.id, fields: ["reference": "R-2"], by: who)
        #expect(back.step == "review" && back.fingers == reviewed.fingers)
        let committed = try await sessions.confirm(reviewed.id, by: who)
        #expect(committed.step == "committed")
        let manifest = try #require(records.committed.first?.manifest)
        #expect(manifest.subjectFields == [.init(name: "reference", value: "R-2")])
        #expect(manifest.fingers.count == 1 && manifest.fingers.first?.exception == nil)
        #expect(records.committed.first?.parts.contains { $0.kind == .fingerImage } == true)
        // The audit names the step, never the values.
        let actor = staffed ? "op1" : "station"
        #expect(records.audit.contains("\(actor) session.change_details"))
        #expect(!records.audit.joined().contains("R-2"))
    }

    @Test func changingDetailsBeforeTheReviewIsRefused() async throws {
        let sessions = manager()
        let id = try await sessions.create(by: operatorA).id
        let refused = await #expect(throws: APIProblem.self) { try await sessions.changeDetails(id, by: operatorA) }
        #expect(refused?.code == "wrong_step" && refused?.description.hasPrefix("409 ") == true)
    }

    @Test func onlyTheOwnerChangesDetails() async throws {
        let sessions = manager()
        let reviewed = try await capture(sessions, as: operatorA)
        await #expect(throws: APIProblem.self) { try await sessions.changeDetails(reviewed.id, by: station) }
        #expect(try await sessions.session(reviewed.id, for: operatorA).step == "review")
    }

    @Test func theConsentTextsAreShownAtTheConsentStepOnly() async throws {
        let texts = [ConsentTextView(language: "en", text: "We take fingers.\n\nMain.", sha256: ConsentLibrary.digest("We take fingers.\n\nMain."))]
        var policy = SessionPolicy.standard
        policy.fingers = [.rightIndex]
        policy.face = false
        let clock = FakeClock()
        let sessions = SessionManager(parts: .init(
            policy: policy, fingers: FakeFingerCapture(), camera: nil,
            fingerQuality: UnassessedFingerQuality(), faceQuality: UnassessedFaceQuality(),
            duplicates: FakeDuplicateSearch(found: [], failure: nil), records: FakeSessionRecords(), now: { clock.now },
            consentTexts: texts), logger: Logger(label: "test"))
        let started = try await sessions.create(by: operatorA)
        #expect(started.consentTexts == texts)
        let consented = try await sessions.consent(started.id, version: "1", shown: ShownConsent(language: "en", sha256: texts[0].sha256),
                                                   accepted: true, byGuardian: false, by: operatorA)
        #expect(consented.consentTexts == nil)
    }
}
