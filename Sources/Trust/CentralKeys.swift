import Crypto
import EnrollCore
import Foundation

/// The central server's public keys, from the configuration: the X25519 key records are
/// sealed to (HPKE) and the Ed25519 key its receipts are signed with.
public struct CentralKeys: Sendable {
    public let sealingKey: Curve25519.KeyAgreement.PublicKey
    public let receiptKey: Curve25519.Signing.PublicKey

    public init(sealingKey: Curve25519.KeyAgreement.PublicKey, receiptKey: Curve25519.Signing.PublicKey) {
        self.sealingKey = sealingKey
        self.receiptKey = receiptKey
    }

    /// Parses both keys from 64 hex digits each (the configuration's form).
    public init(sealingKeyHex: String, receiptKeyHex: String) throws(TrustError) {
        guard let sealing = Hex.decode(sealingKeyHex), sealing.count == 32,
              let key = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: sealing)
        else { throw .invalidKey("central sealing key", "expected 64 hex digits of an X25519 public key") }
        guard let receipt = Hex.decode(receiptKeyHex), receipt.count == 32,
              let rkey = try? Curve25519.Signing.PublicKey(rawRepresentation: receipt)
        else { throw .invalidKey("central receipt key", "expected 64 hex digits of an Ed25519 public key") }
        self.init(sealingKey: key, receiptKey: rkey)
    }
}
