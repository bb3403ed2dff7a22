import Foundation

/// The blocks NFIQ 2's FDA, LCS and RVUP measures look at: every 32×32 block wholly inside the
/// ridge area, with its ridge orientation and the window around it. Computed once per print
/// and shared by the three measures.
struct RotatedBlocks: Sendable {
    static let blockSize = 32
    /// The sides of the rotated rectangle: along the ridge profile and along the ridges.
    static let slantedLength = 32, slantedWidth = 16
    /// ceil(√(32² + 16²)) = 36: the window that holds a 32×16 rectangle at any angle.
    static let windowSide = 36
    static let border = (windowSide - blockSize + 1) / 2
    /// The window with two more pixels on each side. NFIQ 2 "pads" the 36×36 window with
    /// OpenCV's copyMakeBorder, which, given a view into a larger image, takes the border from
    /// the image around it; only beyond the image's edge is the border black.
    static let paddedSide = windowSide + 4
    /// Kovesi's segmentation threshold NFIQ 2 uses for these measures.
    static let segmentationThreshold = 0.1

    struct Window: Sendable {
        /// paddedSide² gray levels, row-major, 0 outside the image.
        let values: [Double]
        /// Angle (radians) of the line perpendicular to the ridges, from the central block.
        let orientation: Double
    }

    let windows: [Window]

    /// `segmentation`, when the caller has one already, must be of `image` with blocks of 32 and
    /// threshold 0.1 (other NFIQ 2 measures segment the same way; sharing it saves a pass).
    init(_ image: GrayMatrix, segmentation: RidgeSegmentation? = nil) {
        let block = Self.blockSize, border = Self.border, side = Self.windowSide
        guard image.width >= side, image.height >= side else {
            windows = []
            return
        }
        let segmentation = segmentation ?? RidgeSegmentation(image, blockSize: block, threshold: Self.segmentationThreshold)
        precondition(segmentation.mask.count == image.values.count, "the segmentation is of another image")
        var windows = [Window]()
        // NFIQ 2 steps from the border inwards and keeps a block only while its whole window
        // fits: the last start is (size - window side + border).
        for top in stride(from: border, through: image.height - side + border, by: block) {
            for left in stride(from: border, through: image.width - side + border, by: block) {
                guard segmentation.covers(top: top, left: left, height: block, width: block) else { continue }
                let covariance = GradientCovariance.coefficients(image.region(top: top, left: left, height: block, width: block))
                let orientation = GradientCovariance.ridgeOrientation(a: covariance.a, b: covariance.b, c: covariance.c)
                let margin = (Self.paddedSide - block) / 2
                windows.append(Window(values: Self.window(image, top: top - margin, left: left - margin), orientation: orientation))
            }
        }
        self.windows = windows
    }

    private static func window(_ image: GrayMatrix, top: Int, left: Int) -> [Double] {
        let side = paddedSide
        var values = [Double](repeating: 0, count: side * side)
        for row in max(0, -top)..<min(side, image.height - top) {
            let columns = max(0, -left)..<min(side, image.width - left)
            guard !columns.isEmpty else { continue }
            let start = (top + row) * image.width + left
            for column in columns { values[row * side + column] = image.values[start + column] }
        }
        return values
    }
}

/// A window rotated the way NFIQ 2 rotates it (OpenCV's `getRotationMatrix2D` and `warpAffine`
/// with nearest-neighbour sampling and a black border), cropped to a rectangle of the 36×36
/// result. The pixel sampled is decided by OpenCV's fixed-point arithmetic (1/1024 pixel
/// steps, half a pixel added before flooring), so that arithmetic is reproduced here exactly:
/// rounding "properly" picks a neighbouring pixel in a few percent of places.
enum RotatedBlock {
    private static let fractionBits = 10
    private static let scale = Double(1 << fractionBits)

    /// The rows × columns rectangle of the window turned by `angle` radians counter-clockwise
    /// about the centre of the source: the padded 40×40 window when `padded`, else its central
    /// 36×36. (Padded, the turn is about a point two pixels right of and below the middle of the
    /// 36×36 result the rectangle is cut from, as in NFIQ 2.)
    static func crop(_ window: RotatedBlocks.Window, padded: Bool, angle: Double, rows: Range<Int>, columns: Range<Int>) -> GrayMatrix {
        let windowSide = RotatedBlocks.paddedSide
        let margin = padded ? 0 : (RotatedBlocks.paddedSide - RotatedBlocks.windowSide) / 2
        let sourceSide = windowSide - 2 * margin
        let centre = Double(sourceSide) / 2
        // Degrees and back, as the original converts them: the round trip can change the last bit.
        let degrees = angle * (180 / Double.pi)
        let radians = degrees * (Double.pi / 180)
        let alpha = cos(radians), beta = sin(radians)
        var m = [alpha, beta, (1 - alpha) * centre - beta * centre,
                 -beta, alpha, beta * centre + (1 - alpha) * centre]
        invert(&m)
        // The column steps are the same on every row (OpenCV's adelta and bdelta).
        let stepX = columns.map { fixedPoint(m[0] * Double($0) * scale) }
        let stepY = columns.map { fixedPoint(m[3] * Double($0) * scale) }
        let half = 1 << (fractionBits - 1)
        let width = columns.count
        let out = [Double](unsafeUninitializedCapacity: rows.count * width) { out, count in
            window.values.withUnsafeBufferPointer { values in
                stepX.withUnsafeBufferPointer { stepX in
                    stepY.withUnsafeBufferPointer { stepY in
                        var index = 0
                        for y in rows {
                            let x0 = fixedPoint((m[1] * Double(y) + m[2]) * scale) + half
                            let y0 = fixedPoint((m[4] * Double(y) + m[5]) * scale) + half
                            for column in 0..<width {
                                let sx = (x0 + stepX[column]) >> fractionBits
                                let sy = (y0 + stepY[column]) >> fractionBits
                                let inside = sx >= 0 && sx < sourceSide && sy >= 0 && sy < sourceSide
                                out[index] = inside ? values[(sy + margin) * windowSide + sx + margin] : 0
                                index += 1
                            }
                        }
                    }
                }
            }
            count = rows.count * width
        }
        return GrayMatrix(width: columns.count, height: rows.count, values: out)
    }

    /// OpenCV's `saturate_cast<int>` from double: to nearest, ties to even.
    private static func fixedPoint(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        return Int(min(max(value.rounded(.toNearestOrEven), -2_147_483_648), 2_147_483_647))
    }

    /// The inverse of the 2×3 affine map, in the order of operations `warpAffine` uses.
    private static func invert(_ m: inout [Double]) {
        var d = m[0] * m[4] - m[1] * m[3]
        d = d != 0 ? 1 / d : 0
        let a11 = m[4] * d, a22 = m[0] * d
        m[0] = a11
        m[1] *= -d
        m[3] *= -d
        m[4] = a22
        let b1 = -m[0] * m[2] - m[1] * m[5]
        let b2 = -m[3] * m[2] - m[4] * m[5]
        m[2] = b1
        m[5] = b2
    }
}

/// Ridges and valleys across a rotated crop whose ridges run down the columns: the column means
/// (the gray profile across the ridges), a least-squares line through them, and which columns
/// are darker than the line (ridge) or not (valley).
struct RidgeValleyStructure: Sendable {
    /// The line's value at each column.
    let threshold: [Double]
    /// True where the column mean lies below the line: a ridge column.
    let isRidge: [Bool]

    init(_ crop: GrayMatrix) {
        let n = crop.width
        // Row by row, each column's sum still adds its rows top to bottom.
        var means = [Double](repeating: 0, count: n)
        crop.values.withUnsafeBufferPointer { values in
            means.withUnsafeMutableBufferPointer { sums in
                for row in 0..<crop.height {
                    for column in 0..<n { sums[column] += values[row * n + column] }
                }
                if crop.height > 0 {
                    for column in 0..<n { sums[column] /= Double(crop.height) }
                }
            }
        }
        // Fit means ≈ intercept + slope·x for x = 1…n.
        let xMean = Double(n + 1) / 2
        let yMean = n > 0 ? means.reduce(0, +) / Double(n) : 0
        var sxy = 0.0, sxx = 0.0
        for (index, mean) in means.enumerated() {
            let dx = Double(index + 1) - xMean
            sxy += dx * (mean - yMean)
            sxx += dx * dx
        }
        // The original rounds the fit to 1e-10 so platforms agree; rounding here too keeps the
        // comparisons below on the same side as NFIQ 2's where a mean meets the line.
        func rounded(_ value: Double) -> Double { (value * 1e10).rounded() / 1e10 }
        let slope = rounded(sxx > 0 ? sxy / sxx : 0)
        let intercept = rounded(yMean - (sxx > 0 ? sxy / sxx : 0) * xMean)
        let line = (0..<n).map { Double($0 + 1) * slope + intercept }
        threshold = line
        isRidge = (0..<n).map { means[$0] < line[$0] }
    }
}
