/// YUYV (packed 4:2:2, BT.601 limited range, what UVC cameras send uncompressed) to gray
/// and RGB. Sixteen pixels a step in SIMD registers: the even bytes are luma (that is the
/// gray image, stored as one vector), the odd bytes alternate Cb and Cr, each shared by a
/// pixel pair, so the even and odd pixels of a step are computed as two 8-lane vectors.
public enum YUYVConverter {
    /// Luma as gray, and RGB, from one frame. `bytesPerLine` is the driver's row stride
    /// (0: `width * 2`). Throws when the data is shorter than the size says.
    public static func convert(_ frame: [UInt8], width: Int, height: Int, bytesPerLine: Int = 0, limits: ImageLimits = .camera) throws(ImagingError) -> (gray: GrayImage, rgb: RGBImage) {
        let stride = try check(frame, width: width, height: height, bytesPerLine: bytesPerLine, limits: limits)
        var gray = [UInt8](repeating: 0, count: width * height)
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        frame.withUnsafeBytes { source in
            gray.withUnsafeMutableBytes { grayOut in
                rgb.withUnsafeMutableBytes { rgbOut in
                    for row in 0..<height {
                        convertRow(source.baseAddress! + row * stride, width: width,
                                   gray: grayOut.baseAddress! + row * width, rgb: rgbOut.baseAddress! + row * width * 3)
                    }
                }
            }
        }
        return (GrayImage(width: width, height: height, pixels: gray), RGBImage(width: width, height: height, pixels: rgb))
    }

    /// Luma only: the cheap path for face detection and focus measures.
    public static func gray(_ frame: [UInt8], width: Int, height: Int, bytesPerLine: Int = 0, limits: ImageLimits = .camera) throws(ImagingError) -> GrayImage {
        let stride = try check(frame, width: width, height: height, bytesPerLine: bytesPerLine, limits: limits)
        var gray = [UInt8](repeating: 0, count: width * height)
        frame.withUnsafeBytes { source in
            gray.withUnsafeMutableBytes { out in
                for row in 0..<height {
                    let input = source.baseAddress! + row * stride
                    let output = out.baseAddress! + row * width
                    var x = 0
                    while x + 16 <= width {
                        output.storeBytes(of: input.loadUnaligned(fromByteOffset: x * 2, as: SIMD32<UInt8>.self).evenHalf, toByteOffset: x, as: SIMD16<UInt8>.self)
                        x += 16
                    }
                    while x < width {
                        output.storeBytes(of: input.load(fromByteOffset: x * 2, as: UInt8.self), toByteOffset: x, as: UInt8.self)
                        x += 1
                    }
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: gray)
    }

    private static func check(_ frame: [UInt8], width: Int, height: Int, bytesPerLine: Int, limits: ImageLimits) throws(ImagingError) -> Int {
        try limits.check(width: width, height: height)
        guard width % 2 == 0 else { throw ImagingError.size("YUYV needs an even width, not \(width)") }
        let stride = bytesPerLine == 0 ? width * 2 : bytesPerLine
        guard stride >= width * 2 else { throw ImagingError.size("row stride \(stride) is below \(width * 2) bytes") }
        let needed = stride * (height - 1) + width * 2
        guard frame.count >= needed else {
            throw ImagingError.size("YUYV frame of \(width)x\(height) needs \(needed) bytes, got \(frame.count)")
        }
        return stride
    }

    @inline(__always)
    private static func convertRow(_ input: UnsafeRawPointer, width: Int, gray: UnsafeMutableRawPointer, rgb: UnsafeMutableRawPointer) {
        var x = 0
        while x + 16 <= width {
            let chunk = input.loadUnaligned(fromByteOffset: x * 2, as: SIMD32<UInt8>.self)
            let luma = chunk.evenHalf
            gray.storeBytes(of: luma, toByteOffset: x, as: SIMD16<UInt8>.self)
            let chroma = chunk.oddHalf
            let u = SIMD8<Int32>(truncatingIfNeeded: chroma.evenHalf) &- 128
            let v = SIMD8<Int32>(truncatingIfNeeded: chroma.oddHalf) &- 128
            // BT.601 limited range in 8.8 fixed point: 1.164, 1.596, 0.392, 0.813, 2.017.
            let redTerm = v &* 409
            let greenTerm = u &* -100 &- v &* 208
            let blueTerm = u &* 516
            let evenY = (SIMD8<Int32>(truncatingIfNeeded: luma.evenHalf) &- 16) &* 298 &+ 128
            let oddY = (SIMD8<Int32>(truncatingIfNeeded: luma.oddHalf) &- 16) &* 298 &+ 128
            let r0 = clamp((evenY &+ redTerm) &>> 8), r1 = clamp((oddY &+ redTerm) &>> 8)
            let g0 = clamp((evenY &+ greenTerm) &>> 8), g1 = clamp((oddY &+ greenTerm) &>> 8)
            let b0 = clamp((evenY &+ blueTerm) &>> 8), b1 = clamp((oddY &+ blueTerm) &>> 8)
            let out = rgb + x * 3
            for lane in 0..<8 {
                let pair = out + lane * 6
                pair.storeBytes(of: r0[lane], toByteOffset: 0, as: UInt8.self)
                pair.storeBytes(of: g0[lane], toByteOffset: 1, as: UInt8.self)
                pair.storeBytes(of: b0[lane], toByteOffset: 2, as: UInt8.self)
                pair.storeBytes(of: r1[lane], toByteOffset: 3, as: UInt8.self)
                pair.storeBytes(of: g1[lane], toByteOffset: 4, as: UInt8.self)
                pair.storeBytes(of: b1[lane], toByteOffset: 5, as: UInt8.self)
            }
            x += 16
        }
        while x < width {  // the last pixel pairs of a row whose width is not a multiple of 16
            let y0 = Int32(input.load(fromByteOffset: x * 2, as: UInt8.self))
            let u = Int32(input.load(fromByteOffset: x * 2 + 1, as: UInt8.self)) - 128
            let y1 = Int32(input.load(fromByteOffset: x * 2 + 2, as: UInt8.self))
            let v = Int32(input.load(fromByteOffset: x * 2 + 3, as: UInt8.self)) - 128
            gray.storeBytes(of: UInt8(y0), toByteOffset: x, as: UInt8.self)
            gray.storeBytes(of: UInt8(y1), toByteOffset: x + 1, as: UInt8.self)
            for (offset, y) in [(0, y0), (1, y1)] {
                let c = (y - 16) * 298 + 128
                let out = rgb + (x + offset) * 3
                out.storeBytes(of: scalarClamp((c + 409 * v) >> 8), toByteOffset: 0, as: UInt8.self)
                out.storeBytes(of: scalarClamp((c - 100 * u - 208 * v) >> 8), toByteOffset: 1, as: UInt8.self)
                out.storeBytes(of: scalarClamp((c + 516 * u) >> 8), toByteOffset: 2, as: UInt8.self)
            }
            x += 2
        }
    }

    @inline(__always)
    private static func clamp(_ value: SIMD8<Int32>) -> SIMD8<UInt8> {
        SIMD8<UInt8>(truncatingIfNeeded: pointwiseMin(pointwiseMax(value, SIMD8(repeating: 0)), SIMD8(repeating: 255)))
    }

    @inline(__always)
    private static func scalarClamp(_ value: Int32) -> UInt8 { UInt8(min(max(value, 0), 255)) }
}
