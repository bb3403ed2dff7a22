import EnrollCore

/// Reads the one TIFF flavour fingerprint databases use (FVC2002): uncompressed 8-bit
/// grayscale, one sample per pixel, in strips. Anything else is refused with a reason.
public enum TIFF {
    public static func decode(_ data: [UInt8]) throws(ImagingError) -> FingerprintImage {
        guard data.count >= 8 else { throw .notTIFF() }
        let little: Bool
        switch (data[0], data[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: throw .notTIFF()
        }
        let reader = Reader(data: data, little: little)
        guard try reader.u16(2) == 42 else { throw .notTIFF() }
        let directory = Int(try reader.u32(4))
        let count = Int(try reader.u16(directory))
        var tags: [UInt16: [Int]] = [:]
        var ppi = 500.0
        for index in 0..<count {
            let entry = directory + 2 + index * 12
            let tag = try reader.u16(entry)
            let type = try reader.u16(entry + 2)
            let values = Int(try reader.u32(entry + 4))
            guard values <= data.count else { throw .corrupt("tag \(tag) claims \(values) values") }
            // SHORT is 2 bytes, LONG 4, RATIONAL 8: a rational never fits in the entry.
            let size = type == 3 ? 2 : type == 5 ? 8 : 4
            let inline = values * size <= 4
            let base = inline ? entry + 8 : Int(try reader.u32(entry + 8))
            if type == 3 || type == 4 {
                var list: [Int] = []
                for index in 0..<values {
                    list.append(type == 3 ? Int(try reader.u16(base + index * 2)) : Int(try reader.u32(base + index * 4)))
                }
                tags[tag] = list
            } else if tag == 282, type == 5 {
                let numerator = Double(try reader.u32(base)), denominator = Double(try reader.u32(base + 4))
                if denominator > 0, numerator > 0 { ppi = numerator / denominator }
            }
        }
        guard let width = tags[256]?.first, let height = tags[257]?.first else { throw .corrupt("no image size") }
        guard (1...RasterImage.maximumSide).contains(width), (1...RasterImage.maximumSide).contains(height) else { throw .tooLarge("\(width)×\(height)") }
        guard (tags[258]?.first ?? 1) == 8 else { throw .unsupported("TIFF bits per sample \(tags[258]?.first ?? 1)") }
        guard (tags[259]?.first ?? 1) == 1 else { throw .unsupported("compressed TIFF") }
        guard (tags[277]?.first ?? 1) == 1 else { throw .unsupported("TIFF with \(tags[277]?.first ?? 1) samples per pixel") }
        if tags[296]?.first == 3 { ppi *= 2.54 }  // resolution given per centimetre
        // Resampling to 500 ppi scales by this: a hostile value would ask for a huge image.
        guard (50...5000).contains(ppi) else { throw .unsupported("TIFF resolution \(ppi) ppi") }
        guard let offsets = tags[273], let counts = tags[279], offsets.count == counts.count else { throw .corrupt("no strips") }
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height)
        for (offset, length) in zip(offsets, counts) {
            guard offset >= 0, length >= 0, offset + length <= data.count else { throw .corrupt("a strip runs past the end") }
            pixels += data[offset..<(offset + length)]
        }
        guard pixels.count >= width * height else { throw .corrupt("\(pixels.count) bytes of pixels for \(width)×\(height)") }
        pixels.removeLast(pixels.count - width * height)
        if tags[262]?.first == 0 { pixels = pixels.map { 255 - $0 } }  // WhiteIsZero
        return FingerprintImage(width: width, height: height, pixels: pixels, pixelsPerInch: ppi)
    }

    private struct Reader {
        let data: [UInt8]
        let little: Bool

        func u16(_ offset: Int) throws(ImagingError) -> UInt16 {
            guard offset >= 0, offset + 2 <= data.count else { throw .corrupt("offset \(offset) past the end") }
            let (a, b) = (UInt16(data[offset]), UInt16(data[offset + 1]))
            return little ? a | b << 8 : a << 8 | b
        }

        func u32(_ offset: Int) throws(ImagingError) -> UInt32 {
            let (a, b) = (UInt32(try u16(offset)), UInt32(try u16(offset + 2)))
            return little ? a | b << 16 : a << 16 | b
        }
    }
}
