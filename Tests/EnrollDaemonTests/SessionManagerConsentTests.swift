import Access
import ControlAPI
import EnrollCore
@testable import EnrollDaemon
import Testing

/// A guardian's consent through the session manager, into the committed record.
extension SessionManagerTests {
    @Test func aGuardiansConsentReachesTheRecord() async throws {
        let records = FakeSessionRecords()
        let sessions = manager(records: records)
        let id = try await sessions.create(by: operatorA).id
        let consented = try await sessions.consent(id, version: "1", accepted: true, byGuardian: true, by: operatorA)
        #expect(consented.step == "subject" && consented.consentByGuardian == true)
        _ = try await sessions.subject(id, fields: ["reference": "R-1"], by: operatorA)
        _ = try await sessions.captureFinger(id, finger: .rightIndex, by: operatorA)
        let committed = try await sessions.confirm(id, by: operatorA)
        #expect(committed.step == "committed")
        #expect(records.committed.first?.manifest.consent.answer == .grantedByGuardian)
    }

    @Test func aStationSessionRefusesAGuardiansConsent() async throws {
        let sessions = manager()
        let id = try await sessions.create(by: station).id
        let refused = await #expect(throws: APIProblem.self) {
            try await sessions.consent(id, version: "1", accepted: true, byGuardian: true, by: station)
        }
        #expect(refused?.code == "guardian_needs_staff" && refused?.description.hasPrefix("422 ") == true)
        #expect(try await sessions.session(id, for: station).step == "consent")
    }
}
