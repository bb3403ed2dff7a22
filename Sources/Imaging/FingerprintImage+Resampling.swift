import EnrollCore

extension FingerprintImage {
    /// The image at `targetPPI` (bilinear), so measures tuned for 500 ppi see ridges at the
    /// spacing they expect; an image already within 1 % of it is returned as it is.
    public func resampled(toPPI targetPPI: Double = 500) -> FingerprintImage {
        guard pixelsPerInch > 0, width > 0, height > 0, abs(pixelsPerInch - targetPPI) > targetPPI * 0.01 else { return self }
        let scale = targetPPI / pixelsPerInch
        let newWidth = max(1, Int((Double(width) * scale).rounded()))
        let newHeight = max(1, Int((Double(height) * scale).rounded()))
        var out = [UInt8](repeating: 0, count: newWidth * newHeight)
        pixels.withUnsafeBufferPointer { source in
            for y in 0..<newHeight {
                // Pixel centres map to pixel centres, as in every common resampler.
                let sy = min(max((Double(y) + 0.5) / scale - 0.5, 0), Double(height - 1))
                let y0 = Int(sy), y1 = min(y0 + 1, height - 1)
                let fy = sy - Double(y0)
                for x in 0..<newWidth {
                    let sx = min(max((Double(x) + 0.5) / scale - 0.5, 0), Double(width - 1))
                    let x0 = Int(sx), x1 = min(x0 + 1, width - 1)
                    let fx = sx - Double(x0)
                    let top = Double(source[y0 * width + x0]) * (1 - fx) + Double(source[y0 * width + x1]) * fx
                    let bottom = Double(source[y1 * width + x0]) * (1 - fx) + Double(source[y1 * width + x1]) * fx
                    out[y * newWidth + x] = UInt8(min(255, max(0, (top * (1 - fy) + bottom * fy).rounded())))
                }
            }
        }
        return FingerprintImage(width: newWidth, height: newHeight, pixels: out, pixelsPerInch: targetPPI)
    }
}
