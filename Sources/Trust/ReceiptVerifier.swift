import Crypto
import EnrollCore

/// Checks the central server's receipt for one stored record: structure, server
/// signature, and that it names exactly this record (id, device, sequence and envelope
/// hash).
///
/// The receipt's dates are not a condition. A signature over exactly this record's hash
/// proves the server stored it, whenever it was made, so a date cannot make a deletion
/// wrong; but refusing on dates would make a kiosk whose clock is off keep every record
/// until its queue is full and it stops enrolling. A date that disagrees with the
/// kiosk's clock is reported instead (`clockSkew`), for the technician to fix the clock.
public struct ReceiptVerifier: Sendable {
    public let receiptKey: Curve25519.Signing.PublicKey
    /// A second key also accepted, while the central server changes its receipt key: kiosks
    /// are given the new key before the server signs with it, and keep the old one until
    /// the receipts for what it signed have arrived.
    public let otherReceiptKey: Curve25519.Signing.PublicKey?
    /// How far the kiosk's clock may disagree with a fresh receipt's date before
    /// `clockSkew` reports it.
    public let allowedSkewMilliseconds: Int64

    public init(receiptKey: Curve25519.Signing.PublicKey, otherReceiptKey: Curve25519.Signing.PublicKey? = nil,
                allowedSkewMilliseconds: Int64 = 300_000) {
        self.receiptKey = receiptKey
        self.otherReceiptKey = otherReceiptKey
        self.allowedSkewMilliseconds = allowedSkewMilliseconds
    }

    public func verify(_ bytes: [UInt8], for envelope: RecordEnvelope, envelopeHash: [UInt8]) throws(VerificationFailure) -> Receipt {
        let receipt: Receipt
        do { receipt = try Receipt(decoding: bytes) } catch {
            throw VerificationFailure(.malformed, detail: error.description)
        }
        let signed = receipt.signedBytes()
        guard receiptKey.isValidSignature(receipt.signature, for: signed)
            || otherReceiptKey?.isValidSignature(receipt.signature, for: signed) == true else {
            throw VerificationFailure(.badSignature, sequence: receipt.sequence)
        }
        guard receipt.recordID == envelope.recordID, receipt.deviceID == envelope.deviceID,
              receipt.sequence == envelope.sequence, receipt.recordHash == envelopeHash
        else { throw VerificationFailure(.wrongRecord, sequence: envelope.sequence) }
        return receipt
    }

    /// For a receipt the server has just issued: how far its date is ahead of the kiosk's
    /// clock (negative: behind), in milliseconds, when that is more than the allowed skew;
    /// nil when the clocks agree. Only meaningful for a fresh receipt, as the uploader gets
    /// them: the server's clock minus the kiosk's, plus the upload's latency.
    public func clockSkew(of receipt: Receipt, now: Int64) -> Int64? {
        let (skew, overflow) = receipt.issuedAt.subtractingReportingOverflow(now)
        if overflow { return receipt.issuedAt > now ? .max : .min }
        return skew.magnitude > UInt64(allowedSkewMilliseconds) ? skew : nil
    }
}

extension ReceiptVerifier {
    /// The check `RecordStore.acceptReceipt` runs inside its transaction: the decoded
    /// receipt against the envelope bytes it names, as stored.
    public func validator() -> @Sendable (Receipt, [UInt8]) throws -> Void {
        { receipt, envelopeBytes in
            let envelope: RecordEnvelope
            do { envelope = try RecordEnvelope(decoding: envelopeBytes) } catch {
                throw VerificationFailure(.malformed, sequence: receipt.sequence, detail: "stored envelope: \(error)")
            }
            _ = try verify(receipt.encoded(), for: envelope, envelopeHash: RecordEnvelope.chainHash(of: envelopeBytes))
        }
    }
}
