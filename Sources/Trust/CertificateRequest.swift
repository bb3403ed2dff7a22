import Foundation

/// A PKCS#10 certificate signing request (RFC 2986) for the device key, so the central
/// site's CA can issue the kiosk a certificate for the very key that signs its records.
/// Ed25519 (RFC 8410): the algorithm identifier has no parameters, and the signature is
/// over the DER of the request info. Written by hand: the structure is small and fixed,
/// and a whole X.509 library would be the largest dependency of the daemon for it.
public enum CertificateRequest {
    /// OID 1.3.101.112, id-Ed25519.
    static let ed25519: [UInt8] = [0x06, 0x03, 0x2B, 0x65, 0x70]
    /// OID 2.5.4.3, commonName.
    static let commonName: [UInt8] = [0x06, 0x03, 0x55, 0x04, 0x03]

    /// The DER of a request with subject CN=`commonName`, signed by `key`.
    public static func der(for key: DeviceKey, commonName name: String) throws(TrustError) -> [UInt8] {
        let subject = sequence(set(sequence(commonName + tagged(0x0C, Array(name.utf8)))))
        let algorithm = sequence(ed25519)
        let publicKeyInfo = sequence(algorithm + bitString(key.publicKey))
        // version 0, subject, key, no attributes ([0] IMPLICIT SET OF, empty).
        let info = sequence([0x02, 0x01, 0x00] + subject + publicKeyInfo + [0xA0, 0x00])
        let signature = try key.sign(info)
        return sequence(info + algorithm + bitString(signature))
    }

    /// The request as PEM ("CERTIFICATE REQUEST"), as `openssl req` reads it.
    public static func pem(for key: DeviceKey, commonName name: String) throws(TrustError) -> String {
        let base64 = Data(try der(for: key, commonName: name)).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE REQUEST-----\n\(base64)\n-----END CERTIFICATE REQUEST-----\n"
    }

    static func sequence(_ content: [UInt8]) -> [UInt8] { tagged(0x30, content) }
    static func set(_ content: [UInt8]) -> [UInt8] { tagged(0x31, content) }
    /// A BIT STRING with no unused bits.
    static func bitString(_ bytes: [UInt8]) -> [UInt8] { tagged(0x03, [0x00] + bytes) }

    /// Tag, DER length (short form below 128, long form above), content.
    static func tagged(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var length: [UInt8]
        if content.count < 0x80 {
            length = [UInt8(content.count)]
        } else {
            var count = content.count
            length = []
            while count > 0 {
                length.insert(UInt8(count & 0xFF), at: 0)
                count >>= 8
            }
            length.insert(0x80 | UInt8(length.count), at: 0)
        }
        return [tag] + length + content
    }
}
