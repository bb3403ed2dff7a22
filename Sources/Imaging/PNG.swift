import CZlib
import EnrollCore

/// PNG read and write for 8-bit images, through zlib (Foundation on Linux has no
/// compression). Enough for sensor images and test fixtures: no interlacing, no palettes,
/// no 16-bit samples.
public enum PNG {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// An 8-bit grayscale PNG of `image`, with its resolution in a `pHYs` chunk.
    public static func encode(_ image: FingerprintImage) -> [UInt8] {
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(image.width))
        header.appendBigEndian(UInt32(image.height))
        header += [8, 0, 0, 0, 0]  // depth 8, gray, deflate, adaptive filtering, no interlace
        var raw: [UInt8] = []
        raw.reserveCapacity((image.width + 1) * image.height)
        for row in 0..<image.height {
            raw.append(0)  // filter: none; sensor images compress well enough without
            raw += image.pixels[(row * image.width)..<((row + 1) * image.width)]
        }
        var physical: [UInt8] = []
        let perMetre = UInt32((image.pixelsPerInch / 0.0254).rounded())
        physical.appendBigEndian(perMetre)
        physical.appendBigEndian(perMetre)
        physical.append(1)  // unit: metre
        var file = signature
        file.appendChunk("IHDR", header)
        file.appendChunk("pHYs", physical)
        file.appendChunk("IDAT", deflate(raw))
        file.appendChunk("IEND", [])
        return file
    }

    /// Decodes an 8-bit gray, gray + alpha, RGB or RGBA PNG.
    public static func decode(_ data: [UInt8]) throws(ImagingError) -> RasterImage {
        guard data.count > 8, Array(data[0..<8]) == signature else { throw .notPNG() }
        var position = 8
        var width = 0, height = 0, channels = 0
        var compressed: [UInt8] = []
        var sawHeader = false
        while position + 8 <= data.count {
            let length = Int(data.bigEndianUInt32(at: position))
            let type = String(decoding: data[(position + 4)..<(position + 8)], as: UTF8.self)
            let bodyStart = position + 8
            guard length <= data.count, bodyStart + length + 4 <= data.count else { throw .corrupt("chunk \(type) is truncated") }
            let body = data[bodyStart..<(bodyStart + length)]
            switch type {
            case "IHDR":
                guard length == 13 else { throw .corrupt("IHDR has \(length) bytes") }
                width = Int(data.bigEndianUInt32(at: bodyStart))
                height = Int(data.bigEndianUInt32(at: bodyStart + 4))
                let (depth, colour, interlace) = (body[bodyStart + 8], body[bodyStart + 9], body[bodyStart + 12])
                guard depth == 8 else { throw .unsupported("PNG bit depth \(depth)") }
                guard interlace == 0 else { throw .unsupported("interlaced PNG") }
                switch colour {
                case 0: channels = 1
                case 4: channels = 2
                case 2: channels = 3
                case 6: channels = 4
                default: throw .unsupported("PNG colour type \(colour)")
                }
                guard (1...RasterImage.maximumSide).contains(width), (1...RasterImage.maximumSide).contains(height) else {
                    throw .tooLarge("\(width)×\(height)")
                }
                sawHeader = true
            case "IDAT":
                compressed += body
            case "IEND":
                guard sawHeader else { throw .corrupt("no IHDR") }
                let stride = width * channels
                let raw = try inflate(compressed, expected: (stride + 1) * height)
                return RasterImage(width: width, height: height, channels: channels,
                                   samples: try unfilter(raw, stride: stride, height: height, bytesPerPixel: channels))
            default:
                break
            }
            position = bodyStart + length + 4
        }
        throw .corrupt("no IEND")
    }

    static func unfilter(_ raw: [UInt8], stride: Int, height: Int, bytesPerPixel: Int) throws(ImagingError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: stride * height)
        for row in 0..<height {
            let filter = raw[row * (stride + 1)]
            let source = row * (stride + 1) + 1
            let target = row * stride
            for column in 0..<stride {
                let x = Int(raw[source + column])
                let a = column >= bytesPerPixel ? Int(out[target + column - bytesPerPixel]) : 0
                let b = row > 0 ? Int(out[target - stride + column]) : 0
                let c = row > 0 && column >= bytesPerPixel ? Int(out[target - stride + column - bytesPerPixel]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw .corrupt("row filter \(filter)")
                }
                out[target + column] = UInt8((x + predictor) & 0xFF)
            }
        }
        return out
    }

    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = out.withUnsafeMutableBufferPointer { target in
            data.withUnsafeBufferPointer { compress2(target.baseAddress, &length, $0.baseAddress, uLong(data.count), 6) }
        }
        precondition(status == Z_OK, "zlib compress2 failed with \(status) on a buffer of compressBound size")
        return Array(out[0..<Int(length)])
    }

    static func inflate(_ data: [UInt8], expected: Int) throws(ImagingError) -> [UInt8] {
        // One byte more than expected, so that too much data is detected rather than cut.
        var length = uLong(expected + 1)
        var out = [UInt8](repeating: 0, count: expected + 1)
        let status = out.withUnsafeMutableBufferPointer { target in
            data.withUnsafeBufferPointer { uncompress(target.baseAddress, &length, $0.baseAddress, uLong(data.count)) }
        }
        guard status == Z_OK, Int(length) == expected else { throw .corrupt("image data does not inflate to \(expected) bytes (zlib \(status))") }
        return Array(out[0..<expected])
    }
}

extension [UInt8] {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    mutating func appendChunk(_ type: String, _ body: [UInt8]) {
        let typed = Array(type.utf8) + body
        appendBigEndian(UInt32(body.count))
        append(contentsOf: typed)
        let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        appendBigEndian(UInt32(crc))
    }

    func bigEndianUInt32(at offset: Int) -> UInt32 {
        self[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}

extension ArraySlice<UInt8> {
    func bigEndianUInt32(at offset: Int) -> UInt32 {
        self[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
