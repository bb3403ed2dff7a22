import Crypto
import EnrollCore
@testable import EnrollDaemon
import Testing
import Trust

/// What a confirmed session turns into, checked in the record as the central office opens
/// it: sealed, signed, verified and opened again.
@Suite struct RecordAssemblyTests {
    static func summary(fingers: [FingerPosition: CaptureDisposition], byGuardian: Bool = false) throws -> SessionSummary {
        var session = EnrollmentSession(id: "s", mode: .staffed(operatorID: "op1"), policy: policy, at: .now)
        var now = ContinuousClock.now
        func send(_ event: SessionEvent) throws(SessionRefusal) {
            now += .seconds(1)
            _ = try session.handle(event, at: now)
        }
        try send(byGuardian ? .guardianConsent(version: "1", accepted: true) : .consent(version: "1", accepted: true))
        try send(.subject(["reference": "R-1"]))
        for finger in policy.fingers {
            if case .exception(let exception, _) = fingers[finger] { try send(.fingerException(finger, exception)) }
        }
        return session.summary
    }

    static let policy: SessionPolicy = {
        var policy = SessionPolicy.standard
        policy.fingers = [.rightIndex, .leftIndex]
        policy.face = false
        policy.duplicateCheck = false
        return policy
    }()

    /// The payload as the central office reads it after sealing.
    static func opened(_ summary: SessionSummary) throws -> RecordPayload {
        let payload = RecordAssembly.payload(summary: summary, policy: policy, images: [:], qualities: [:], operatorID: "op1",
                                             capturedAt: 1_764_460_800_000, now: 1_764_460_801_000)
        let device = DeviceKey()
        let central = Curve25519.KeyAgreement.PrivateKey()
        let envelope = try RecordSealer(deviceKey: device, recipient: central.publicKey).seal(payload, after: .genesis, committedAt: 1_764_460_801_000)
        let verifier = RecordVerifier(devicePublicKey: try Curve25519.Signing.PublicKey(rawRepresentation: device.publicKey))
        return try verifier.open(envelope.encoded(), with: central)
    }

    /// A finger that is not there, lost or from birth, is code 1 "missing"; the reason list
    /// has one entry for both, so no one is asked how.
    @Test func aMissingFingerIsCodeOneWhateverTheCause() throws {
        let missing = CaptureException(reason: .missing, approvedBy: "sup1")
        let record = try Self.opened(try Self.summary(fingers: [.rightIndex: .exception(missing, attempts: 0), .leftIndex: .exception(missing, attempts: 0)]))
        #expect(record.manifest.fingers.map(\.exception) == [RecordManifest.Exception.missing, .missing])
        #expect(record.manifest.fingers.allSatisfy { $0.exception?.rawValue == 1 })
        #expect(RecordManifest.Exception.missing == .amputated)
    }

    @Test(arguments: CaptureException.Reason.allCases)
    func everyReasonHasACode(_ reason: CaptureException.Reason) {
        let code = RecordAssembly.manifestException(reason).rawValue
        #expect((1...5).contains(code))
        #expect((code == 1) == (reason == .missing))
    }

    /// A child's record says a guardian consented, not the child; an adult's says the
    /// person did.
    @Test(arguments: [true, false])
    func theSignedRecordSaysWhoConsented(byGuardian: Bool) throws {
        let declined = CaptureDisposition.exception(CaptureException(reason: .declined, approvedBy: "sup1"), attempts: 0)
        let record = try Self.opened(try Self.summary(fingers: [.rightIndex: declined, .leftIndex: declined], byGuardian: byGuardian))
        #expect(record.manifest.consent.answer == (byGuardian ? .grantedByGuardian : .granted))
        #expect(record.manifest.consent.textVersion == "1")
    }
}
