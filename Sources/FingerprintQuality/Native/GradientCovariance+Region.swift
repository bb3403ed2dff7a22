extension GradientCovariance {
    /// `coefficients(_:)` of the rectangle of `image`, without copying
    /// it out: the block measures tile a whole print, and a copy plus two gradient matrices per
    /// block cost more than the arithmetic.
    static func coefficients(_ image: GrayMatrix, top: Int, left: Int, height: Int, width: Int) -> (a: Double, b: Double, c: Double) {
        var a = 0.0, b = 0.0, c = 0.0
        forEachGradient(image, top: top, left: left, height: height, width: width) { gx, gy in
            a += gx * gx
            b += gy * gy
            c += gx * gy
        }
        let n = Double(max(height * width, 1))
        return (a / n, b / n, c / n)
    }

    /// Calls `body` with the centred-difference gradient (x along columns, y along rows) of every
    /// pixel of the rectangle, row by row. As MATLAB's `gradient`, the differences are one-sided
    /// at the rectangle's edges, and zero along a side of one pixel.
    @inline(__always)
    static func forEachGradient(_ image: GrayMatrix, top: Int, left: Int, height: Int, width: Int, _ body: (Double, Double) -> Void) {
        guard height > 0, width > 0 else { return }
        precondition(top >= 0 && left >= 0 && top + height <= image.height && left + width <= image.width, "rectangle inside the image")
        let stride = image.width
        image.values.withUnsafeBufferPointer { pixels in
            for row in 0..<height {
                let base = (top + row) * stride + left
                // Row offsets of the two neighbours the vertical difference uses, and its divisor.
                let up: Int, down: Int, yScale: Double
                if height == 1 { (up, down, yScale) = (0, 0, 0) }
                else if row == 0 { (up, down, yScale) = (0, stride, 1) }
                else if row == height - 1 { (up, down, yScale) = (-stride, 0, 1) }
                else { (up, down, yScale) = (-stride, stride, 0.5) }
                for column in 0..<width {
                    let i = base + column
                    let gx: Double
                    if width == 1 { gx = 0 }
                    else if column == 0 { gx = pixels[i + 1] - pixels[i] }
                    else if column == width - 1 { gx = pixels[i] - pixels[i - 1] }
                    else { gx = (pixels[i + 1] - pixels[i - 1]) * 0.5 }
                    let gy = (pixels[i + down] - pixels[i + up]) * yScale
                    body(gx, gy)
                }
            }
        }
    }
}
