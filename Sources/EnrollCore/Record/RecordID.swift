/// A record's id: a UUIDv7 (RFC 9562), random apart from its millisecond timestamp, so ids
/// sort by creation and reveal nothing about the person enrolled.
public struct RecordID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 16 bytes, big-endian as in the RFC.
    public let bytes: [UInt8]

    /// Wraps 16 bytes; nil for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// A new UUIDv7 for `unixMilliseconds`, random bits from `generator`.
    public init<G: RandomNumberGenerator>(unixMilliseconds: Int64, using generator: inout G) {
        var b = [UInt8](repeating: 0, count: 16)
        let ms = UInt64(max(0, unixMilliseconds))
        for i in 0..<6 { b[i] = UInt8((ms >> UInt64(8 * (5 - i))) & 0xFF) }
        for i in 6..<16 { b[i] = UInt8.random(in: 0...255, using: &generator) }
        b[6] = 0x70 | (b[6] & 0x0F)
        b[8] = 0x80 | (b[8] & 0x3F)
        bytes = b
    }

    /// A new UUIDv7 with the system's random generator.
    public init(unixMilliseconds: Int64) {
        var generator = SystemRandomNumberGenerator()
        self.init(unixMilliseconds: unixMilliseconds, using: &generator)
    }

    /// Parses the 8-4-4-4-12 hex form.
    public init?(_ text: String) {
        let hex = text.filter { $0 != "-" }
        guard text.count == 36, hex.count == 32, let bytes = Hex.decode(hex) else { return nil }
        self.bytes = bytes
    }

    /// Whether the version and variant bits say UUIDv7.
    public var isVersion7: Bool { bytes[6] >> 4 == 7 && bytes[8] >> 6 == 2 }

    public var description: String {
        let hex = Hex.encode(bytes)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
    }

    public static func < (lhs: RecordID, rhs: RecordID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}
