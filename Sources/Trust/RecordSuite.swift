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

    /// What the inner signature covers: the context and SHA-256 of the payload. Ed25519
    /// hashes its message twice with SHA-512, so signing a 200 KiB payload directly cost
    /// more than sealing it; one SHA-256 pass keeps sign + seal well above the commit rate.
    static func payloadSignedBytes<D: DataProtocol>(_ payload: D) -> [UInt8] {
        payloadSignatureContext + Array(SHA256.hash(data: payload))
    }
}
