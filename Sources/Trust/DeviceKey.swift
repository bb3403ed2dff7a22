import Crypto
import EnrollCore
import Foundation

/// The kiosk's Ed25519 signing key. Generated at first start into the state directory
/// (mode 0600); only its public half ever leaves the process.
public struct DeviceKey: Sendable {
    /// The key file's name inside the state directory.
    public static let fileName = "device.ed25519"

    let privateKey: Curve25519.Signing.PrivateKey

    /// The raw 32-byte public key.
    public var publicKey: [UInt8] { Array(privateKey.publicKey.rawRepresentation) }
    /// The device id: the first 16 bytes of SHA-256 of the public key.
    public var deviceID: [UInt8] { Self.deviceID(publicKey: publicKey) }

    /// A fresh key that lives only in memory (tests, benchmarks).
    public init() {
        privateKey = Curve25519.Signing.PrivateKey()
    }

    /// A key from its 32 raw private bytes (test vectors).
    public init(rawPrivateKey: [UInt8]) throws(TrustError) {
        do { privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: rawPrivateKey) } catch {
            throw .invalidKey("device key", "not an Ed25519 private key")
        }
    }

    /// Loads the key from `directory`, creating it on first start.
    public static func loadOrCreate(in directory: String) throws(TrustError) -> DeviceKey {
        let path = directory + "/" + fileName
        if let raw = try SecretFile.read(path, expectedLength: 32) {
            return try DeviceKey(rawPrivateKey: raw)
        }
        let key = DeviceKey()
        try SecretFile.create(path, bytes: Array(key.privateKey.rawRepresentation))
        return key
    }

    /// The device id belonging to a public key.
    public static func deviceID(publicKey: [UInt8]) -> [UInt8] {
        Array(SHA256.hash(data: publicKey).prefix(16))
    }

    func sign(_ bytes: [UInt8]) throws(TrustError) -> [UInt8] {
        do { return Array(try privateKey.signature(for: bytes)) } catch {
            throw .sealing("signing failed")
        }
    }
}
