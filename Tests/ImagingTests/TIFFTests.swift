import EnrollCore
import Imaging
import Testing

/// The FVC flavour of TIFF (8-bit gray strips), built here byte by byte: the resolution
/// rational, hostile resolutions and truncation.
@Suite struct TIFFTests {
    /// Little-endian TIFF of a 4×3 gradient; `resolution` as (numerator, denominator, unit).
    static func tiff(resolution: (UInt32, UInt32, UInt16)?) -> [UInt8] {
        var entries: [(UInt16, UInt16, UInt32)] = [(256, 3, 4), (257, 3, 3), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, 0), (277, 3, 1), (279, 4, 12)]
        if let resolution { entries += [(282, 5, 0), (283, 5, 0), (296, 3, UInt32(resolution.2))] }
        let rationalOffset = 8 + 2 + 12 * entries.count + 4
        let pixelOffset = rationalOffset + (resolution == nil ? 0 : 8)
        var bytes: [UInt8] = [0x49, 0x49, 42, 0]
        func u16(_ v: UInt16) { bytes += [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8((v >> UInt32(shift)) & 0xFF)) } }
        u32(8)
        u16(UInt16(entries.count))
        for (tag, type, value) in entries {
            u16(tag); u16(type); u32(1)
            switch (tag, type) {
            case (273, _): u32(UInt32(pixelOffset))
            case (_, 5): u32(UInt32(rationalOffset))
            case (_, 3): u16(UInt16(value)); u16(0)
            default: u32(value)
            }
        }
        u32(0)
        if let resolution { u32(resolution.0); u32(resolution.1) }
        bytes += (0..<12).map { UInt8($0 * 20) }
        return bytes
    }

    @Test func readsPixelsWithoutAResolutionAs500PPI() throws {
        let image = try TIFF.decode(Self.tiff(resolution: nil))
        #expect(image.width == 4 && image.height == 3 && image.pixelsPerInch == 500)
        #expect(image.pixels == (0..<12).map { UInt8($0 * 20) })
    }

    /// A rational is 8 bytes and always stored outside its entry: read in place it gave a
    /// resolution made of the offset, and the resampling asked for exabytes.
    @Test func readsTheResolutionRational() throws {
        #expect(try TIFF.decode(Self.tiff(resolution: (569, 1, 2))).pixelsPerInch == 569)
        #expect(try TIFF.decode(Self.tiff(resolution: (100_000, 200, 2))).pixelsPerInch == 500)
        let perCentimetre = try TIFF.decode(Self.tiff(resolution: (19685, 100, 3))).pixelsPerInch
        #expect(abs(perCentimetre - 500) < 0.1)
    }

    @Test(arguments: [(UInt32(1), UInt32(1_000_000)), (UInt32(4_000_000_000), UInt32(1)), (UInt32(10), UInt32(1))])
    func refusesAnImplausibleResolution(_ rational: (UInt32, UInt32)) {
        #expect(throws: ImagingError.self) { try TIFF.decode(Self.tiff(resolution: (rational.0, rational.1, 2))) }
    }

    @Test func truncatedFilesAreErrorsNotCrashes() {
        let bytes = Self.tiff(resolution: (569, 1, 2))
        for length in 0..<(bytes.count - 12) {
            #expect(throws: ImagingError.self) { try TIFF.decode(Array(bytes[0..<length])) }
        }
    }
}
