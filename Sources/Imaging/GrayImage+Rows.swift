extension GrayImage {
    /// An 8-bit gray frame as a camera driver delivers it: `height` rows of `width` pixels,
    /// each row `bytesPerLine` bytes after the one before (0: `width`); the padding a driver
    /// may put at the end of each row is dropped. Throws when the data is shorter than the
    /// size and stride say, or the size is beyond `limits`.
    public init(rows frame: [UInt8], width: Int, height: Int, bytesPerLine: Int = 0, limits: ImageLimits = .camera) throws(ImagingError) {
        try limits.check(width: width, height: height)
        let stride = bytesPerLine == 0 ? width : bytesPerLine
        guard stride >= width else { throw ImagingError.size("row stride \(stride) is below the width \(width)") }
        // The last row needs no padding after it: drivers may leave it off.
        let needed = stride * (height - 1) + width
        guard frame.count >= needed else {
            throw ImagingError.size("gray frame of \(width)x\(height) needs \(needed) bytes, got \(frame.count)")
        }
        if stride == width {
            self.init(width: width, height: height, pixels: Array(frame[0..<(width * height)]))
            return
        }
        var pixels = [UInt8]()
        pixels.reserveCapacity(width * height)
        for row in 0..<height { pixels += frame[(row * stride)..<(row * stride + width)] }
        self.init(width: width, height: height, pixels: pixels)
    }
}

extension RGBImage {
    /// A gray image in RGB: each pixel's value on all three channels.
    public init(gray: GrayImage) {
        var rgb = [UInt8](repeating: 0, count: gray.pixels.count * 3)
        for (index, value) in gray.pixels.enumerated() {
            rgb[index * 3] = value
            rgb[index * 3 + 1] = value
            rgb[index * 3 + 2] = value
        }
        self.init(width: gray.width, height: gray.height, pixels: rgb)
    }
}
