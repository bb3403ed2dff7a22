/// The central server's signed statement that it stored a record. The kiosk deletes a
/// record only after a receipt that verifies and names exactly that record's hash.
/// Layout in docs/record-format.md, "Receipt".
public struct Receipt: Sendable, Equatable {
    /// The receipt format version.
    public static let formatVersion: UInt8 = 1
    static let magic: [UInt8] = Array("ENRR".utf8)
    /// Bytes before the signature.
    public static let signedLength = 94
    /// The whole receipt.
    public static let length = 158

    public var recordID: RecordID
    public var deviceID: [UInt8]
    public var sequence: UInt64
    /// SHA-256 of the envelope the server stored.
    public var recordHash: [UInt8]
    /// Unix milliseconds.
    public var issuedAt: Int64
    /// Unix milliseconds after which the kiosk no longer accepts the receipt.
    public var notAfter: Int64
    /// Ed25519 by the server's receipt key over the first `signedLength` bytes.
    public var signature: [UInt8]

    public init(recordID: RecordID, deviceID: [UInt8], sequence: UInt64, recordHash: [UInt8], issuedAt: Int64, notAfter: Int64, signature: [UInt8]) {
        self.recordID = recordID
        self.deviceID = deviceID
        self.sequence = sequence
        self.recordHash = recordHash
        self.issuedAt = issuedAt
        self.notAfter = notAfter
        self.signature = signature
    }

    /// The signed part.
    public func signedBytes() -> [UInt8] {
        var w = ByteWriter(reservingCapacity: Self.signedLength)
        w.raw(Self.magic)
        w.u8(Self.formatVersion)
        w.u8(0)
        w.raw(recordID.bytes)
        w.raw(deviceID)
        w.u64(sequence)
        w.raw(recordHash)
        w.i64(issuedAt)
        w.i64(notAfter)
        return w.bytes
    }

    public func encoded() -> [UInt8] { signedBytes() + signature }

    /// Reads a receipt's structure, or throws `RecordFormatError`.
    public init(decoding bytes: [UInt8]) throws(RecordFormatError) {
        var r = ByteReader(bytes)
        guard try r.raw(4) == Self.magic else { throw .badMagic }
        let version = try r.u8()
        guard version == Self.formatVersion else { throw .unsupportedVersion(Int(version)) }
        guard try r.u8() == 0 else { throw .invalidValue("reserved") }
        guard let id = RecordID(bytes: try r.raw(16)) else { throw .invalidValue("record id") }
        let device = try r.raw(16)
        let sequence = try r.u64()
        // SQLite keeps sequences as signed 64-bit integers: a larger one from a hostile
        // server is malformed here, never a trap where the store converts it.
        guard (1...UInt64(Int64.max)).contains(sequence) else { throw .invalidValue("sequence") }
        let hash = try r.raw(32)
        let issuedAt = try r.i64()
        let notAfter = try r.i64()
        let signature = try r.raw(64)
        try r.finish()
        self.init(recordID: id, deviceID: device, sequence: sequence, recordHash: hash, issuedAt: issuedAt, notAfter: notAfter, signature: signature)
    }
}
