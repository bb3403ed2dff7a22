import Crypto
import EnrollCore
import Foundation

/// Encrypts gallery templates at rest (ChaCha20-Poly1305) with a key kept in the state
/// directory, mode 0600. Templates must stay usable on the kiosk for duplicate checks, so
/// unlike records they are not sealed to the central key; the entry id is authenticated
/// so a template cannot be moved to another entry.
public struct GalleryCipher: Sendable {
    /// The key file's name inside the state directory.
    public static let fileName = "gallery.key"
    private let key: SymmetricKey

    public init(key: SymmetricKey) { self.key = key }

    /// Loads the key from `directory`, creating it on first start.
    public static func loadOrCreate(in directory: String) throws(TrustError) -> GalleryCipher {
        let path = directory + "/" + fileName
        if let raw = try SecretFile.read(path, expectedLength: 32) {
            return GalleryCipher(key: SymmetricKey(data: raw))
        }
        let key = SymmetricKey(size: .bits256)
        try SecretFile.create(path, bytes: key.withUnsafeBytes { Array($0) })
        return GalleryCipher(key: key)
    }

    /// Nonce, ciphertext and tag of `template`, bound to `entryID`.
    public func seal(_ template: [UInt8], entryID: [UInt8]) throws(TrustError) -> [UInt8] {
        do { return Array(try ChaChaPoly.seal(template, using: key, authenticating: entryID).combined) } catch {
            throw .sealing("gallery encryption failed")
        }
    }

    /// The template, or nil when the bytes were altered or belong to another entry or key.
    public func open(_ sealed: [UInt8], entryID: [UInt8]) -> [UInt8]? {
        guard let box = try? ChaChaPoly.SealedBox(combined: sealed),
              let plain = try? ChaChaPoly.open(box, using: key, authenticating: entryID)
        else { return nil }
        return Array(plain)
    }
}
