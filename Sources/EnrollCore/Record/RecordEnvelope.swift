/// What is stored and uploaded: a fixed header the server can check without opening the
/// record (ids, sequence, previous hash, digest of the sealed payload, device signature)
/// followed by the sealed payload. Layout in docs/record-format.md, "Envelope".
public struct RecordEnvelope: Sendable, Equatable {
    /// The envelope format version this build writes.
    public static let formatVersion: UInt8 = 1
    static let magic: [UInt8] = Array("ENRE".utf8)
    /// Bytes before the signature: what the device signs.
    public static let signedHeaderLength = 122
    /// Bytes before the sealed payload.
    public static let headerLength = 186
    /// The largest sealed payload accepted: 32 parts of 16 MiB would not fit, but a real
    /// record is a few MiB; 64 MiB bounds what hostile input can make us hash.
    public static let maximumSealedLength = 64 << 20
    /// HPKE X25519 encapsulated key (32) + ChaCha20-Poly1305 tag (16).
    public static let minimumSealedLength = 48

    public var recordID: RecordID
    public var deviceID: [UInt8]
    public var sequence: UInt64
    public var previousHash: [UInt8]
    /// When the record was built, Unix milliseconds (also inside the manifest).
    public var committedAt: Int64
    /// SHA-256 of `sealed`.
    public var sealedDigest: [UInt8]
    /// Ed25519 signature by the device over the first `signedHeaderLength` bytes.
    public var signature: [UInt8]
    /// HPKE encapsulated key (32 bytes) followed by the ciphertext and tag.
    public var sealed: [UInt8]

    public init(
        recordID: RecordID, deviceID: [UInt8], sequence: UInt64, previousHash: [UInt8],
        committedAt: Int64, sealedDigest: [UInt8], signature: [UInt8], sealed: [UInt8]
    ) {
        self.recordID = recordID
        self.deviceID = deviceID
        self.sequence = sequence
        self.previousHash = previousHash
        self.committedAt = committedAt
        self.sealedDigest = sealedDigest
        self.signature = signature
        self.sealed = sealed
    }

    /// The bytes the device signs: everything before the signature.
    public func signedHeader() -> [UInt8] {
        var w = ByteWriter(reservingCapacity: Self.signedHeaderLength)
        w.raw(Self.magic)
        w.u8(Self.formatVersion)
        w.u8(0)
        w.raw(recordID.bytes)
        w.raw(deviceID)
        w.u64(sequence)
        w.raw(previousHash)
        w.i64(committedAt)
        w.raw(sealedDigest)
        w.u32(UInt32(sealed.count))
        return w.bytes
    }

    /// The HPKE associated data: binds the sealed payload to this record's place in the
    /// chain, so a payload moved into another envelope does not open.
    public func sealingContext() -> [UInt8] {
        Self.sealingContext(recordID: recordID, deviceID: deviceID, sequence: sequence, previousHash: previousHash)
    }

    /// The associated data for a record not yet sealed.
    public static func sealingContext(recordID: RecordID, deviceID: [UInt8], sequence: UInt64, previousHash: [UInt8]) -> [UInt8] {
        var w = ByteWriter(reservingCapacity: 84)
        w.raw(Array("enrolld-record-v1".utf8))
        w.raw(recordID.bytes)
        w.raw(deviceID)
        w.u64(sequence)
        w.raw(previousHash)
        return w.bytes
    }

    /// The whole envelope.
    public func encoded() -> [UInt8] {
        var bytes = signedHeader()
        bytes.reserveCapacity(Self.headerLength + sealed.count)
        bytes += signature
        bytes += sealed
        return bytes
    }

    /// Reads an envelope's structure; signature and digest are the verifier's business.
    public init(decoding bytes: [UInt8]) throws(RecordFormatError) {
        var r = ByteReader(bytes)
        guard try r.raw(4) == Self.magic else { throw .badMagic }
        let version = try r.u8()
        guard version == Self.formatVersion else { throw .unsupportedVersion(Int(version)) }
        guard try r.u8() == 0 else { throw .invalidValue("reserved") }
        guard let id = RecordID(bytes: try r.raw(16)), id.isVersion7 else { throw .invalidValue("record id") }
        let device = try r.raw(16)
        let sequence = try r.u64()
        // ≤ Int64.max: both stores keep it as a signed 64-bit integer (a hostile kiosk must
        // not trap the central receiver's conversion).
        guard (1...UInt64(Int64.max)).contains(sequence) else { throw .invalidValue("sequence") }
        let previous = try r.raw(32)
        let committedAt = try r.i64()
        let digest = try r.raw(32)
        let length = Int(try r.u32())
        guard length <= Self.maximumSealedLength else { throw .tooLarge("sealed payload") }
        guard length >= Self.minimumSealedLength else { throw .invalidValue("sealed length") }
        let signature = try r.raw(64)
        guard r.remaining >= length else { throw .truncated }
        let sealed = try r.raw(length)
        try r.finish()
        self.init(
            recordID: id, deviceID: device, sequence: sequence, previousHash: previous,
            committedAt: committedAt, sealedDigest: digest, signature: signature, sealed: sealed)
    }
}
