import Foundation

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
