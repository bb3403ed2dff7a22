import Crypto
import EnrollCore

extension RecordEnvelope {
    /// SHA-256 of the whole envelope: the next record's `previousHash`.
    public var chainHash: [UInt8] { Array(SHA256.hash(data: encoded())) }

    /// SHA-256 of already encoded envelope bytes (saves re-encoding).
    public static func chainHash(of encoded: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: encoded)) }
}
