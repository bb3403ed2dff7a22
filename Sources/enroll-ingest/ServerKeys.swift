import Crypto
import EnrollCore
import Foundation

/// The receiver's own keys, as files of 64 hex digits (mode 0600): the Ed25519 key that
/// signs receipts and the X25519 key records are sealed to. `keygen` writes them and their
/// public halves, which go into the kiosk's `central:` configuration.
enum ServerKeys {
    static func readHex(_ path: String) throws -> [UInt8] {
        let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Hex.decode(text), bytes.count == 32 else { throw ValidationFailure("\(path): expected 64 hex digits") }
        return bytes
    }

    static func receiptKey(_ path: String) throws -> Curve25519.Signing.PrivateKey {
        try Curve25519.Signing.PrivateKey(rawRepresentation: readHex(path))
    }

    static func sealingKey(_ path: String) throws -> Curve25519.KeyAgreement.PrivateKey {
        try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: readHex(path))
    }

    static func write(_ path: String, _ bytes: some DataProtocol, secret: Bool) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data((Hex.encode(Array(bytes)) + "\n").utf8),
                                             attributes: [.posixPermissions: secret ? 0o600 : 0o644])
        else { throw ValidationFailure("cannot write \(path)") }
    }
}
