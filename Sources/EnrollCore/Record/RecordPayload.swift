/// The plaintext that is signed and then sealed: the canonical manifest and the parts.
/// It exists only in memory on the kiosk; disk sees it sealed.
public struct RecordPayload: Sendable, Equatable {
    /// The payload format version this build writes.
    public static let formatVersion: UInt16 = 1
    static let magic: [UInt8] = Array("ENRP".utf8)
    /// Limits a hostile payload cannot exceed: 32 parts, 16 MiB each.
    public static let maximumParts = 32
    public static let maximumPartBytes = 16 << 20

    public var manifest: RecordManifest
    /// Sorted by (kind, position), unique.
    public var parts: [RecordPart]

    public init(manifest: RecordManifest, parts: [RecordPart]) {
        self.manifest = manifest
        self.parts = parts
    }

    /// The canonical bytes (docs/record-format.md, "Payload").
    public func encoded() -> [UInt8] {
        let manifestBytes = manifest.encoded()
        var w = ByteWriter(reservingCapacity: manifestBytes.count + parts.reduce(64) { $0 + $1.bytes.count + 8 })
        w.raw(Self.magic)
        w.u16(Self.formatVersion)
        w.blob(manifestBytes)
        w.u32(UInt32(parts.count))
        for part in parts {
            w.u8(part.kind.rawValue)
            w.u8(part.position)
            w.blob(part.bytes)
        }
        return w.bytes
    }

    /// Reads canonical payload bytes, or throws `RecordFormatError`.
    public init(decoding bytes: [UInt8]) throws(RecordFormatError) {
        var r = ByteReader(bytes)
        guard try r.raw(4) == Self.magic else { throw .badMagic }
        let version = try r.u16()
        guard version == Self.formatVersion else { throw .unsupportedVersion(Int(version)) }
        let manifest = try RecordManifest(decoding: try r.blob(limit: 1 << 20, field: "manifest"))
        var parts: [RecordPart] = []
        for _ in 0..<(try r.count(limit: Self.maximumParts, field: "parts")) {
            guard let kind = RecordPart.Kind(rawValue: try r.u8()) else { throw .invalidValue("part kind") }
            let position = try r.u8()
            guard kind == .faceImage ? position == 0 : (1...10).contains(position) else { throw .invalidValue("part position") }
            parts.append(RecordPart(kind: kind, position: position, bytes: try r.blob(limit: Self.maximumPartBytes, field: "part")))
        }
        try r.finish()
        let keys = parts.map { UInt16($0.kind.rawValue) << 8 | UInt16($0.position) }
        guard zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }) else { throw .notCanonical }
        self.init(manifest: manifest, parts: parts)
    }

    /// Puts the parts and the manifest in canonical order.
    public mutating func canonicalize() {
        manifest.canonicalize()
        parts.sort { ($0.kind.rawValue, $0.position) < ($1.kind.rawValue, $1.position) }
    }
}
