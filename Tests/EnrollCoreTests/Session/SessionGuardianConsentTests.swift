import EnrollCore
import Testing

/// A parent's or guardian's consent for a child: recorded as such, and only where staff
/// can see who answers.
@Suite struct SessionGuardianConsentTests {
    @Test func aGuardiansConsentIsRecordedAsSuch() throws {
        var driver = SessionDriver()
        try driver.send(.guardianConsent(version: "1", accepted: true))
        #expect(driver.session.step == .subject)
        #expect(driver.session.summary.consentByGuardian)
    }

    @Test func thePersonsOwnConsentIsNotAGuardians() throws {
        var driver = SessionDriver()
        try driver.send(.consent(version: "1", accepted: true))
        #expect(driver.session.step == .subject && !driver.session.summary.consentByGuardian)
    }

    @Test func aGuardianSayingNoEndsTheSessionWithNothingKept() throws {
        var driver = SessionDriver()
        #expect(try driver.send(.guardianConsent(version: "1", accepted: false)) == [.wipe])
        #expect(driver.session.step == .aborted(.consentRefused))
    }

    @Test(arguments: [true, false])
    func aStationCannotRecordAGuardiansAnswer(accepted: Bool) throws {
        var driver = SessionDriver(mode: .unattended(stationID: "st"))
        let refusal = #expect(throws: SessionRefusal.self) { try driver.send(.guardianConsent(version: "1", accepted: accepted)) }
        #expect(refusal?.code == .guardianNeedsStaff && refusal?.code.rawValue == "guardian_needs_staff")
        #expect(driver.session.step == .consent && !driver.session.summary.consentByGuardian)
    }

    @Test func theTextVersionMustBeTheCurrentOne() throws {
        var driver = SessionDriver()
        let refusal = #expect(throws: SessionRefusal.self) { try driver.send(.guardianConsent(version: "0", accepted: true)) }
        #expect(refusal?.code == .consentVersion)
        #expect(driver.session.step == .consent)
    }

    @Test func aGuardiansAnswerFitsOnlyTheConsentStep() throws {
        var driver = SessionDriver()
        try driver.toFirstFinger()
        #expect(throws: SessionRefusal.self) { try driver.send(.guardianConsent(version: "1", accepted: true)) }
        #expect(driver.session.step == .finger(.rightIndex) && !driver.session.summary.consentByGuardian)
    }
}
