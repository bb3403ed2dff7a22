import Crypto
import EnrollCore
import Testing
import Trust

@Suite("Receipts")
struct ReceiptTests {
    let fixtures = TrustFixtures()
    let day: Int64 = 86_400_000
    let t0: Int64 = 1_764_460_800_000

    private func setup() throws -> (RecordEnvelope, ReceiptIssuer, ReceiptVerifier) {
        let envelope = try RecordEnvelope(decoding: try fixtures.chain(1)[0])
        return (envelope, ReceiptIssuer(signingKey: fixtures.receiptKey), ReceiptVerifier(receiptKey: fixtures.receiptKey.publicKey))
    }

    @Test("A receipt for the record verifies")
    func valid() throws {
        let (envelope, issuer, verifier) = try setup()
        let receipt = try issuer.issue(for: envelope, issuedAt: t0, validity: day)
        #expect(try verifier.verify(receipt.encoded(), for: envelope, envelopeHash: envelope.chainHash) == receipt)
    }

    @Test("A receipt's dates are no condition, but a date far from the kiosk's clock is reported as skew")
    func datesAreReportedNotEnforced() throws {
        let (envelope, issuer, verifier) = try setup()
        // Long expired, and dated a year ahead: each still proves the server stored this record.
        for issuedAt in [t0 - 400 * day, t0 + 365 * day] {
            let receipt = try issuer.issue(for: envelope, issuedAt: issuedAt, validity: day)
            #expect(try verifier.verify(receipt.encoded(), for: envelope, envelopeHash: envelope.chainHash) == receipt)
        }
        let receipt = try issuer.issue(for: envelope, issuedAt: t0, validity: day)
        #expect(verifier.clockSkew(of: receipt, now: t0 + 299_000) == nil, "within five minutes the clocks agree")
        #expect(verifier.clockSkew(of: receipt, now: t0 - 299_000) == nil)
        #expect(verifier.clockSkew(of: receipt, now: t0 - 3_600_000) == 3_600_000, "the kiosk's clock is an hour behind")
        #expect(verifier.clockSkew(of: receipt, now: t0 + 301_000) == -301_000, "the kiosk's clock is ahead")
        // Hostile dates do not trap.
        let extreme = try issuer.issue(for: envelope, issuedAt: .max, validity: 0)
        #expect(verifier.clockSkew(of: extreme, now: -1) == .max)
        let early = try issuer.issue(for: envelope, issuedAt: .min, validity: 0)
        #expect(verifier.clockSkew(of: early, now: 1) == .min)
    }

    @Test("While the server changes its receipt key, receipts signed by either configured key verify")
    func keyChange() throws {
        let (envelope, oldIssuer, _) = try setup()
        let newKey = Curve25519.Signing.PrivateKey()
        let both = ReceiptVerifier(receiptKey: newKey.publicKey, otherReceiptKey: fixtures.receiptKey.publicKey)
        let old = try oldIssuer.issue(for: envelope, issuedAt: t0, validity: day)
        let new = try ReceiptIssuer(signingKey: newKey).issue(for: envelope, issuedAt: t0, validity: day)
        #expect(try both.verify(old.encoded(), for: envelope, envelopeHash: envelope.chainHash) == old)
        #expect(try both.verify(new.encoded(), for: envelope, envelopeHash: envelope.chainHash) == new)
        let stranger = try ReceiptIssuer(signingKey: Curve25519.Signing.PrivateKey()).issue(for: envelope, issuedAt: t0, validity: day)
        #expect(throws: VerificationFailure(.badSignature, sequence: 1)) {
            try both.verify(stranger.encoded(), for: envelope, envelopeHash: envelope.chainHash)
        }
        // Without the other key, the old one's receipts are refused.
        #expect(throws: VerificationFailure(.badSignature, sequence: 1)) {
            try ReceiptVerifier(receiptKey: newKey.publicKey).verify(old.encoded(), for: envelope, envelopeHash: envelope.chainHash)
        }
    }

    @Test("Foreign-signed, wrong-record and malformed receipts are refused with their reason")
    func invalid() throws {
        let (envelope, issuer, verifier) = try setup()
        let receipt = try issuer.issue(for: envelope, issuedAt: t0, validity: day).encoded()
        let forged = try ReceiptIssuer(signingKey: Curve25519.Signing.PrivateKey()).issue(for: envelope, issuedAt: t0, validity: day).encoded()
        #expect(throws: VerificationFailure(.badSignature, sequence: 1)) {
            try verifier.verify(forged, for: envelope, envelopeHash: envelope.chainHash)
        }
        var otherHash = envelope.chainHash
        otherHash[0] ^= 1
        #expect(throws: VerificationFailure(.wrongRecord, sequence: 1)) {
            try verifier.verify(receipt, for: envelope, envelopeHash: otherHash)
        }
        #expect(throws: VerificationFailure.self) {
            try verifier.verify(Array(receipt.dropLast()), for: envelope, envelopeHash: envelope.chainHash)
        }
        var flipped = receipt
        flipped[100] ^= 0x40
        #expect(throws: VerificationFailure(.badSignature, sequence: 1)) {
            try verifier.verify(flipped, for: envelope, envelopeHash: envelope.chainHash)
        }
    }
}
