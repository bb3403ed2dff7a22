import Crypto
import Foundation

/// The fixed cryptographic choices of record format 1.
enum RecordSuite {
    /// HPKE base mode, X25519 + HKDF-SHA256 + ChaCha20-Poly1305 (RFC 9180).
    static let hpke = HPKE.Ciphersuite(kem: .Curve25519_HKDF_SHA256, kdf: .HKDF_SHA256, aead: .chaChaPoly)
    /// HPKE `info`: separates record sealing from any other use of the central key.
    static let info = Data("enrolld record payload v1".utf8)
    /// Prefix of the bytes the inner (payload) signature covers.
    static let payloadSignatureContext = Array("enrolld-payload-signature-v1".utf8)
}
