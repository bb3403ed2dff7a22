/// ISO/IEC 19794-2:2005 finger minutiae records, so templates can go to, and come from, a
/// central ABIS. One finger view per record; no extended data is written, and extended
/// data in a record read is skipped.
public enum ISO19794Template {
    /// Why a record was refused.
    public struct Failure: Error, Equatable, CustomStringConvertible, Sendable {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Records larger than this are refused before parsing (255 minutiae × 6 bytes plus
    /// headers and generous extended data is far less).
    public static let maximumRecordSize = 64 * 1024

    /// 500 ppi as the record states it (whole pixels per centimetre). A record at this
    /// resolution is read as exactly 500 ppi: using 197 × 2.54 = 500.38 instead shrank the
    /// coordinates by 0.08 % on every export → import round trip (found by the fuzzer).
    static let standardPixelsPerCentimetre: UInt16 = 197

    /// Encodes a template as a record with one finger view. ISO positions are whole
    /// pixels (14 bits), angles in 256ths of a turn, resolution in pixels per centimetre.
    public static func encode(_ template: FingerprintTemplate, fingerPosition: UInt8 = 0, fingerQuality: UInt8 = 0) -> [UInt8] {
        let minutiae = template.minutiae.prefix(255)
        let pixelsPerCentimetre = standardPixelsPerCentimetre
        var bytes: [UInt8] = Array("FMR\0 20\0".utf8)
        let length = 24 + 4 + 6 * minutiae.count + 2
        bytes += bigEndian(UInt32(length))
        bytes += bigEndian(UInt16(0))  // capture equipment: unknown
        bytes += bigEndian(UInt16(clamping: template.width)) + bigEndian(UInt16(clamping: template.height))
        bytes += bigEndian(pixelsPerCentimetre) + bigEndian(pixelsPerCentimetre)
        bytes += [1, 0]  // one finger view, reserved
        bytes += [fingerPosition, 0, min(fingerQuality, 100), UInt8(minutiae.count)]
        for minutia in minutiae {
            let x = UInt16(clamping: Int(minutia.x.rounded())) & 0x3FFF
            let y = UInt16(clamping: Int(minutia.y.rounded())) & 0x3FFF
            let type = UInt16(minutia.kind.rawValue) << 14
            let angle = UInt8(Int((minutia.angle / (2 * .pi) * 256).rounded()) % 256)
            bytes += bigEndian(type | x) + bigEndian(y) + [angle, min(minutia.quality, 100)]
        }
        bytes += [0, 0]  // no extended data
        return bytes
    }

    /// Decodes the first finger view of a record; coordinates are scaled to 500 ppi.
    public static func decode(_ bytes: [UInt8]) throws(Failure) -> FingerprintTemplate {
        guard bytes.count <= maximumRecordSize else { throw Failure("record of \(bytes.count) bytes exceeds \(maximumRecordSize)") }
        guard bytes.count >= 24 else { throw Failure("truncated record: \(bytes.count) bytes, the header alone is 24") }
        guard bytes[0..<4] == [0x46, 0x4D, 0x52, 0] else { throw Failure("not a finger minutiae record (no \"FMR\" identifier)") }
        guard bytes[4..<8] == [0x20, 0x32, 0x30, 0] else { throw Failure("unsupported version; only ISO/IEC 19794-2:2005 (\" 20\") is read") }
        let length = Int(u32(bytes, 8))
        guard length == bytes.count else { throw Failure("record length field says \(length) bytes, but \(bytes.count) were given") }
        let width = Int(u16(bytes, 14)), height = Int(u16(bytes, 16))
        let resolution = Int(u16(bytes, 18))
        guard resolution > 0 else { throw Failure("resolution of 0 pixels per centimetre") }
        guard bytes[22] >= 1 else { throw Failure("the record holds no finger view") }
        guard bytes.count >= 28 else { throw Failure("truncated record: finger view header missing") }
        let count = Int(bytes[27])
        let end = 28 + 6 * count
        guard bytes.count >= end + 2 else { throw Failure("truncated record: \(count) minutiae announced, room for \((bytes.count - 30) / 6)") }
        var minutiae: [Minutia] = []
        minutiae.reserveCapacity(count)
        for offset in stride(from: 28, to: end, by: 6) {
            let first = u16(bytes, offset)
            let kind = Minutia.Kind(rawValue: UInt8(first >> 14)) ?? .other
            let x = Float(first & 0x3FFF), y = Float(u16(bytes, offset + 2) & 0x3FFF)
            let angle = Float(bytes[offset + 4]) / 256 * 2 * .pi
            minutiae.append(Minutia(x: x, y: y, angle: angle, kind: kind, quality: min(bytes[offset + 5], 100)))
        }
        let ppi = Float(resolution) / Float(standardPixelsPerCentimetre) * FingerprintTemplate.standardPPI
        return FingerprintTemplate(width: width, height: height, ppi: ppi, minutiae: minutiae)
    }

    private static func bigEndian(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
    private static func bigEndian(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)] }
    private static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1]) }
    private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }
}
