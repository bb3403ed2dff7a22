import Crypto
import EnrollCore

/// Checks the central server's receipt for one stored record: structure, server
/// signature, validity window, and that it names exactly this record (id, device,
/// sequence and envelope hash).
public struct ReceiptVerifier: Sendable {
    public let receiptKey: Curve25519.Signing.PublicKey
    /// Clock skew tolerated for a receipt dated slightly in the future.
    public let allowedSkewMilliseconds: Int64

    public init(receiptKey: Curve25519.Signing.PublicKey, allowedSkewMilliseconds: Int64 = 300_000) {
        self.receiptKey = receiptKey
        self.allowedSkewMilliseconds = allowedSkewMilliseconds
    }

    public func verify(_ bytes: [UInt8], for envelope: RecordEnvelope, envelopeHash: [UInt8], now: Int64) throws(VerificationFailure) -> Receipt {
        let receipt: Receipt
        do { receipt = try Receipt(decoding: bytes) } catch {
            throw VerificationFailure(.malformed, detail: error.description)
        }
        guard receiptKey.isValidSignature(receipt.signature, for: receipt.signedBytes()) else {
            throw VerificationFailure(.badSignature, sequence: receipt.sequence)
        }
        guard receipt.recordID == envelope.recordID, receipt.deviceID == envelope.deviceID,
              receipt.sequence == envelope.sequence, receipt.recordHash == envelopeHash
        else { throw VerificationFailure(.wrongRecord, sequence: envelope.sequence) }
        guard receipt.issuedAt <= now + allowedSkewMilliseconds else { throw VerificationFailure(.notYetValid, sequence: receipt.sequence) }
        guard now <= receipt.notAfter else { throw VerificationFailure(.expired, sequence: receipt.sequence) }
        return receipt
    }
}

extension ReceiptVerifier {
    /// The check `RecordStore.acceptReceipt` runs inside its transaction: the decoded
    /// receipt against the envelope bytes it names, as stored.
    public func validator(now: Int64) -> @Sendable (Receipt, [UInt8]) throws -> Void {
        { receipt, envelopeBytes in
            let envelope: RecordEnvelope
            do { envelope = try RecordEnvelope(decoding: envelopeBytes) } catch {
                throw VerificationFailure(.malformed, sequence: receipt.sequence, detail: "stored envelope: \(error)")
            }
            _ = try verify(receipt.encoded(), for: envelope, envelopeHash: RecordEnvelope.chainHash(of: envelopeBytes), now: now)
        }
    }
}
