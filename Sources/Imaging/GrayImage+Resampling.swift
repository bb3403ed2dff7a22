extension GrayImage {
    /// The image scaled to `newWidth` × `newHeight`, bilinear on pixel centres; when
    /// shrinking by more than two the source is box-averaged first so fine detail does not
    /// alias (a face detector downscale must not sparkle).
    public func resized(width newWidth: Int, height newHeight: Int) -> GrayImage {
        precondition(newWidth > 0 && newHeight > 0, "a resized image needs a size")
        if newWidth * 2 <= width && newHeight * 2 <= height && width >= 2 && height >= 2 {
            return halved().resized(width: newWidth, height: newHeight)
        }
        if newWidth == width && newHeight == height { return self }
        let scaleX = Double(width) / Double(newWidth), scaleY = Double(height) / Double(newHeight)
        var out = [UInt8](repeating: 0, count: newWidth * newHeight)
        pixels.withUnsafeBufferPointer { source in
            for y in 0..<newHeight {
                let sy = min(max((Double(y) + 0.5) * scaleY - 0.5, 0), Double(height - 1))
                let y0 = Int(sy), y1 = min(y0 + 1, height - 1), fy = sy - Double(y0)
                for x in 0..<newWidth {
                    let sx = min(max((Double(x) + 0.5) * scaleX - 0.5, 0), Double(width - 1))
                    let x0 = Int(sx), x1 = min(x0 + 1, width - 1), fx = sx - Double(x0)
                    let top = Double(source[y0 * width + x0]) * (1 - fx) + Double(source[y0 * width + x1]) * fx
                    let bottom = Double(source[y1 * width + x0]) * (1 - fx) + Double(source[y1 * width + x1]) * fx
                    out[y * newWidth + x] = UInt8(min(255, max(0, (top * (1 - fy) + bottom * fy).rounded())))
                }
            }
        }
        return GrayImage(width: newWidth, height: newHeight, pixels: out)
    }

    /// Half size, each pixel the mean of a 2×2 square.
    public func halved() -> GrayImage {
        let w = width / 2, h = height / 2
        var out = [UInt8](repeating: 0, count: w * h)
        pixels.withUnsafeBufferPointer { source in
            for y in 0..<h {
                let a = 2 * y * width, b = a + width
                for x in 0..<w {
                    let sum = Int(source[a + 2 * x]) + Int(source[a + 2 * x + 1]) + Int(source[b + 2 * x]) + Int(source[b + 2 * x + 1])
                    out[y * w + x] = UInt8((sum + 2) / 4)
                }
            }
        }
        return GrayImage(width: w, height: h, pixels: out)
    }
}
