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

    @Test("A receipt for the record, inside its validity, verifies")
    func valid() throws {
        let (envelope, issuer, verifier) = try setup()
        let receipt = try issuer.issue(for: envelope, issuedAt: t0, validity: day)
        #expect(try verifier.verify(receipt.encoded(), for: envelope, envelopeHash: envelope.chainHash, now: t0 + 1000) == receipt)
    }

    @Test("Expired, future-dated, foreign-signed, wrong-record and malformed receipts are refused with their reason")
    func invalid() throws {
        let (envelope, issuer, verifier) = try setup()
        let receipt = try issuer.issue(for: envelope, issuedAt: t0, validity: day).encoded()
        #expect(throws: VerificationFailure(.expired, sequence: 1)) {
            try verifier.verify(receipt, for: envelope, envelopeHash: envelope.chainHash, now: t0 + day + 1)
        }
        #expect(throws: VerificationFailure(.notYetValid, sequence: 1)) {
            try verifier.verify(receipt, for: envelope, envelopeHash: envelope.chainHash, now: t0 - day)
        }
        let forged = try ReceiptIssuer(signingKey: Curve25519.Signing.PrivateKey()).issue(for: envelope, issuedAt: t0, validity: day).encoded()
        #expect(throws: VerificationFailure(.badSignature, sequence: 1)) {
            try verifier.verify(forged, for: envelope, envelopeHash: envelope.chainHash, now: t0)
        }
        var otherHash = envelope.chainHash
        otherHash[0] ^= 1
        #expect(throws: VerificationFailure(.wrongRecord, sequence: 1)) {
            try verifier.verify(receipt, for: envelope, envelopeHash: otherHash, now: t0)
        }
        #expect(throws: VerificationFailure.self) {
            try verifier.verify(Array(receipt.dropLast()), for: envelope, envelopeHash: envelope.chainHash, now: t0)
        }
        var flipped = receipt
        flipped[100] ^= 0x40
        #expect(throws: VerificationFailure(.badSignature, sequence: 1)) {
            try verifier.verify(flipped, for: envelope, envelopeHash: envelope.chainHash, now: t0)
        }
    }
}
