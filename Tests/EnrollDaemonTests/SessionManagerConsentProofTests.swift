import Access
import ControlAPI
import EnrollCore
@testable import EnrollDaemon
import Logging
import Testing

/// A consent "yes" is taken only to the text the daemon serves now, named by the answer,
/// and only once its audit entry (version, language, digest) is on disk.
@Suite struct SessionManagerConsentProofTests {
    let operatorA = Principal(id: "op1", role: .operator, via: .pin)
    let station = Principal(id: "station", role: .station, via: .station)
    static let texts = [
        ConsentTextView(language: "en", text: "We take your fingerprints.\n\nYou may say no.", sha256: ConsentLibrary.digest("We take your fingerprints.\n\nYou may say no.")),
        ConsentTextView(language: "fa", text: "اثر انگشت شما گرفته می‌شود.", sha256: ConsentLibrary.digest("اثر انگشت شما گرفته می‌شود.")),
    ]
    static let en = texts[0].sha256
    static let fa = texts[1].sha256

    func manager(_ records: FakeUnwritableAudit, texts: [ConsentTextView] = texts) -> SessionManager {
        var policy = SessionPolicy.standard
        policy.fingers = [.rightIndex]
        policy.face = false
        return SessionManager(parts: .init(
            policy: policy, fingers: FakeFingerCapture(), camera: nil,
            fingerQuality: UnassessedFingerQuality(), faceQuality: UnassessedFaceQuality(),
            duplicates: FakeDuplicateSearch(found: []), records: records, now: { [clock = FakeClock()] in clock.now }, consentTexts: texts), logger: Logger(label: "test"))
    }

    func refusal(_ body: () async throws(APIProblem) -> SessionView) async -> APIProblem? {
        do throws(APIProblem) {
            _ = try await body()
        } catch {
            return error
        }
        return nil
    }

    func shown(_ language: String, _ digest: String) -> ShownConsent? { ShownConsent(language: language, sha256: digest) }

    @Test(arguments: [("en", en), ("fa", fa)])
    func theCurrentTextIsTakenAndAuditedByVersionLanguageAndDigest(language: String, digest: String) async throws {
        let records = FakeUnwritableAudit(writable: true)
        let sessions = manager(records)
        let id = try await sessions.create(by: operatorA).id
        let view = try await sessions.consent(id, version: "1", shown: shown(language, digest), accepted: true, byGuardian: false, by: operatorA)
        #expect(view.step == "subject")
        #expect(records.audit == ["op1 session.started", "op1 session.consent.granted:version=1:language=\(language):sha256=\(digest)"])
    }

    @Test func aGuardiansAnswerIsAuditedAsSuch() async throws {
        let records = FakeUnwritableAudit(writable: true)
        let sessions = manager(records)
        let id = try await sessions.create(by: operatorA).id
        _ = try await sessions.consent(id, version: "1", shown: shown("en", Self.en), accepted: true, byGuardian: true, by: operatorA)
        #expect(records.audit.last == "op1 session.consent.granted_by_guardian:version=1:language=en:sha256=\(Self.en)")
    }

    /// A text edited or cached since the page loaded it, another language's digest, or a
    /// language the kiosk does not offer: 409, nothing recorded, the step is still consent.
    @Test(arguments: [
        ("en", String(repeating: "0", count: 64)),
        ("en", fa),
        ("fa", en),
        ("de", en),
    ])
    func aTextOtherThanTheCurrentOneIsRefused(language: String, digest: String) async throws {
        let records = FakeUnwritableAudit(writable: true)
        let sessions = manager(records)
        let id = try await sessions.create(by: station).id
        let refused = await refusal { () throws(APIProblem) in
            try await sessions.consent(id, version: "1", shown: shown(language, digest), accepted: true, byGuardian: false, by: station)
        }
        #expect(refused?.code == "consent_text_changed" && refused?.description.hasPrefix("409 ") == true)
        #expect(try await sessions.session(id, for: station).step == "consent")
        #expect(records.audit == ["station session.started"], "nothing recorded")
        // Asked again with the current text, it is taken.
        let taken = try await sessions.consent(id, version: "1", shown: shown("en", Self.en), accepted: true, byGuardian: false, by: station)
        #expect(taken.step == "subject")
    }

    @Test func aYesNamingNoTextIsRefusedWhileTextsAreServed() async throws {
        let records = FakeUnwritableAudit(writable: true)
        let sessions = manager(records)
        let id = try await sessions.create(by: operatorA).id
        let refused = await refusal { () throws(APIProblem) in
            try await sessions.consent(id, version: "1", accepted: true, byGuardian: false, by: operatorA)
        }
        #expect(refused?.code == "consent_text_changed" && refused?.description.hasPrefix("409 ") == true)
        #expect(refused?.message.contains("does not name") == true)
        #expect(try await sessions.session(id, for: operatorA).step == "consent")
    }

    /// Nobody is made to read again to say no: a stale or missing text still ends it.
    @Test(arguments: [nil, "0000000000000000000000000000000000000000000000000000000000000000"])
    func aNoIsTakenWhateverTextItNames(digest: String?) async throws {
        let records = FakeUnwritableAudit(writable: true)
        let sessions = manager(records)
        let id = try await sessions.create(by: operatorA).id
        let view = try await sessions.consent(id, version: "1", shown: digest.flatMap { shown("en", $0) }, accepted: false, byGuardian: false, by: operatorA)
        #expect(view.step == "aborted" && view.abortReason == "consent_refused")
    }

    /// The state machine's own refusals come first: another version, or a step long past.
    @Test func aWrongVersionOrStepIsRefusedAsBefore() async throws {
        let records = FakeUnwritableAudit(writable: true)
        let sessions = manager(records)
        let id = try await sessions.create(by: operatorA).id
        let version = await refusal { () throws(APIProblem) in
            try await sessions.consent(id, version: "0", shown: shown("en", String(repeating: "1", count: 64)), accepted: true, byGuardian: false, by: operatorA)
        }
        #expect(version?.code == "consent_version")
        _ = try await sessions.consent(id, version: "1", shown: shown("en", Self.en), accepted: true, byGuardian: false, by: operatorA)
        let again = await refusal { () throws(APIProblem) in
            try await sessions.consent(id, version: "1", shown: shown("en", String(repeating: "1", count: 64)), accepted: true, byGuardian: false, by: operatorA)
        }
        #expect(again?.code == "wrong_step")
        #expect(records.audit.count == 2, "one start, one consent: \(records.audit)")
    }

    /// Without its entry on disk the consent is not taken (503), and is once it can be.
    @Test func aYesWaitsForItsEntry() async throws {
        let records = FakeUnwritableAudit(writable: true)
        let sessions = manager(records)
        let id = try await sessions.create(by: operatorA).id
        records.writable = false
        let refused = await refusal { () throws(APIProblem) in
            try await sessions.consent(id, version: "1", shown: shown("fa", Self.fa), accepted: true, byGuardian: false, by: operatorA)
        }
        #expect(refused?.code == "audit_unavailable")
        #expect(try await sessions.session(id, for: operatorA).step == "consent")
        records.writable = true
        let taken = try await sessions.consent(id, version: "1", shown: shown("fa", Self.fa), accepted: true, byGuardian: false, by: operatorA)
        #expect(taken.step == "subject")
    }

    /// A daemon serving no texts (no kiosk page) takes the version alone, audited so; a
    /// digest there names nothing it served.
    @Test func withoutServedTextsTheVersionAloneIsTaken() async throws {
        let records = FakeUnwritableAudit(writable: true)
        let sessions = manager(records, texts: [])
        let id = try await sessions.create(by: operatorA).id
        let named = await refusal { () throws(APIProblem) in
            try await sessions.consent(id, version: "1", shown: shown("en", Self.en), accepted: true, byGuardian: false, by: operatorA)
        }
        #expect(named?.code == "consent_text_changed")
        let view = try await sessions.consent(id, version: "1", accepted: true, byGuardian: false, by: operatorA)
        #expect(view.step == "subject")
        #expect(records.audit.last == "op1 session.consent.granted:version=1")
    }
}
