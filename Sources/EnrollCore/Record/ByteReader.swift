/// Reads the canonical encoding's primitives with a bound on every length, so hostile
/// input can neither crash the reader nor make it allocate more than it was given.
public struct ByteReader {
    private let bytes: [UInt8]
    /// The offset of the next unread byte.
    public private(set) var offset: Int

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        offset = 0
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { offset == bytes.count }
    /// How many bytes are left.
    public var remaining: Int { bytes.count - offset }

    public mutating func u8() throws(RecordFormatError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func u16() throws(RecordFormatError) -> UInt16 {
        UInt16(try u8()) << 8 | UInt16(try u8())
    }

    public mutating func u32() throws(RecordFormatError) -> UInt32 {
        guard remaining >= 4 else { throw .truncated }
        var value: UInt32 = 0
        for _ in 0..<4 { value = value << 8 | UInt32(bytes[offset]); offset += 1 }
        return value
    }

    public mutating func u64() throws(RecordFormatError) -> UInt64 {
        guard remaining >= 8 else { throw .truncated }
        var value: UInt64 = 0
        for _ in 0..<8 { value = value << 8 | UInt64(bytes[offset]); offset += 1 }
        return value
    }

    public mutating func i64() throws(RecordFormatError) -> Int64 { Int64(bitPattern: try u64()) }

    /// Exactly `count` bytes.
    public mutating func raw(_ count: Int) throws(RecordFormatError) -> [UInt8] {
        guard count >= 0, remaining >= count else { throw .truncated }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// A u32 length (at most `limit`), then the bytes.
    public mutating func blob(limit: Int, field: String) throws(RecordFormatError) -> [UInt8] {
        let count = Int(try u32())
        guard count <= limit else { throw .tooLarge(field) }
        return try raw(count)
    }

    /// A u32 length (at most `limit` bytes), then valid UTF-8.
    public mutating func string(limit: Int, field: String) throws(RecordFormatError) -> String {
        let utf8 = try blob(limit: limit, field: field)
        guard let text = String(validating: utf8, as: UTF8.self) else { throw .invalidValue(field) }
        return text
    }

    /// A u32 element count, at most `limit`.
    public mutating func count(limit: Int, field: String) throws(RecordFormatError) -> Int {
        let count = Int(try u32())
        guard count <= limit else { throw .tooLarge(field) }
        return count
    }

    /// A presence byte (0 or 1), then the value when present.
    public mutating func optional<T>(_ field: String, _ read: (inout ByteReader) throws(RecordFormatError) -> T) throws(RecordFormatError) -> T? {
        switch try u8() {
        case 0: return nil
        case 1: return try read(&self)
        default: throw .invalidValue(field)
        }
    }

    /// Throws unless every byte was read.
    public func finish() throws(RecordFormatError) {
        guard isAtEnd else { throw .trailingBytes }
    }
}
