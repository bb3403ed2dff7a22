import Crypto
import EnrollCore

/// The central server's side of receipts: signs one for a record it stored. Used by the
/// ingest server and by the tests that stand in for it.
public struct ReceiptIssuer: Sendable {
    let signingKey: Curve25519.Signing.PrivateKey

    public init(signingKey: Curve25519.Signing.PrivateKey) {
        self.signingKey = signingKey
    }

    /// A receipt for `envelope`, valid from `issuedAt` for `validity` milliseconds.
    public func issue(for envelope: RecordEnvelope, issuedAt: Int64, validity: Int64) throws -> Receipt {
        var receipt = Receipt(
            recordID: envelope.recordID, deviceID: envelope.deviceID, sequence: envelope.sequence,
            recordHash: envelope.chainHash, issuedAt: issuedAt, notAfter: issuedAt + validity, signature: [])
        receipt.signature = Array(try signingKey.signature(for: receipt.signedBytes()))
        return receipt
    }
}
