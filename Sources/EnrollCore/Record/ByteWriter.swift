/// Appends the canonical encoding's primitives: big-endian integers, length-prefixed
/// bytes and strings. See docs/record-format.md.
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init(reservingCapacity capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func u8(_ value: UInt8) { bytes.append(value) }

    public mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    public mutating func u32(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }

    public mutating func u64(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((value >> UInt64(shift)) & 0xFF)) }
    }

    public mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }

    /// Raw bytes with no length prefix (fixed-size fields).
    public mutating func raw<C: Collection>(_ value: C) where C.Element == UInt8 { bytes.append(contentsOf: value) }

    /// A u32 length, then the bytes.
    public mutating func blob<C: Collection>(_ value: C) where C.Element == UInt8 {
        u32(UInt32(value.count))
        bytes.append(contentsOf: value)
    }

    /// A u32 length, then the UTF-8 bytes.
    public mutating func string(_ value: String) { blob(Array(value.utf8)) }

    /// 0 for absent; 1 then the value for present.
    public mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        guard let value else { return u8(0) }
        u8(1)
        write(&self, value)
    }
}
