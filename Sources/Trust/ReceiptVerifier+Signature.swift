import Crypto
import EnrollCore

extension ReceiptVerifier {
    /// Whether a receipt's bytes decode and carry a signature by one of the configured receipt
    /// keys, whatever record they name: tells "the kiosk has the wrong receipt key" apart
    /// from "the server receipted another record", which need different people.
    public func isSigned(_ bytes: [UInt8]) -> Bool {
        guard let receipt = try? Receipt(decoding: bytes) else { return false }
        let signed = receipt.signedBytes()
        return receiptKey.isValidSignature(receipt.signature, for: signed)
            || otherReceiptKey?.isValidSignature(receipt.signature, for: signed) == true
    }
}
