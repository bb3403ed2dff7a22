import Foundation

/// Gradient statistics shared by the native measures: the covariance of a block's gray-level
/// gradients and the ridge orientation it gives.
enum GradientCovariance {
    /// How the gradient is estimated: NFIQ 2's measures use centred differences (as the
    /// MATLAB code they were trained from), its documentation names Sobel.
    enum Method: Sendable { case centredDifferences, sobel }

    /// The covariance matrix [a c; c b] of the block's gradients: a = mean(gx²), b = mean(gy²),
    /// c = mean(gx·gy).
    static func coefficients(_ block: GrayMatrix, method: Method = .centredDifferences) -> (a: Double, b: Double, c: Double) {
        if method == .centredDifferences { return centredCoefficients(block) }
        let (gx, gy) = method == .sobel ? sobel(block) : centredDifferences(block)
        var a = 0.0, b = 0.0, c = 0.0
        for index in gx.values.indices {
            let x = gx.values[index], y = gy.values[index]
            a += x * x
            b += y * y
            c += x * y
        }
        let n = Double(max(gx.values.count, 1))
        return (a / n, b / n, c / n)
    }

    /// The sums `coefficients` takes over `centredDifferences`, in the same order (so the same
    /// bits), without building the two gradient matrices: the block measures call this for
    /// every block of every print, and the matrices cost more than the sums.
    private static func centredCoefficients(_ m: GrayMatrix) -> (a: Double, b: Double, c: Double) {
        let width = m.width, height = m.height
        var a = 0.0, b = 0.0, c = 0.0
        m.values.withUnsafeBufferPointer { v in
            for row in 0..<height {
                let line = row * width
                for column in 0..<width {
                    let index = line + column
                    var x = 0.0, y = 0.0
                    if width > 1 {
                        if column == 0 { x = v[index + 1] - v[index] }
                        else if column == width - 1 { x = v[index] - v[index - 1] }
                        else { x = (v[index + 1] - v[index - 1]) / 2 }
                    }
                    if height > 1 {
                        if row == 0 { y = v[index + width] - v[index] }
                        else if row == height - 1 { y = v[index] - v[index - width] }
                        else { y = (v[index + width] - v[index - width]) / 2 }
                    }
                    a += x * x
                    b += y * y
                    c += x * y
                }
            }
        }
        let n = Double(max(width * height, 1))
        return (a / n, b / n, c / n)
    }

    /// The angle (radians) of the line perpendicular to the ridges, from the covariance.
    static func ridgeOrientation(a: Double, b: Double, c: Double) -> Double {
        let difference = a - b
        let denominator = c * c + difference * difference + Double.ulpOfOne
        return atan2(c / denominator, difference / denominator) / 2
    }

    /// Gradients along x (columns) and y (rows): centred differences inside, one-sided at the
    /// edges (MATLAB's `gradient`). A side of one pixel has a zero gradient along it.
    static func centredDifferences(_ m: GrayMatrix) -> (x: GrayMatrix, y: GrayMatrix) {
        var gx = GrayMatrix(width: m.width, height: m.height), gy = gx
        for row in 0..<m.height {
            for column in 0..<m.width {
                gx[row, column] = difference(m.width, column) { m[row, $0] }
                gy[row, column] = difference(m.height, row) { m[$0, column] }
            }
        }
        return (gx, gy)
    }

    private static func difference(_ count: Int, _ i: Int, _ value: (Int) -> Double) -> Double {
        guard count > 1 else { return 0 }
        if i == 0 { return value(1) - value(0) }
        if i == count - 1 { return value(i) - value(i - 1) }
        return (value(i + 1) - value(i - 1)) / 2
    }

    /// 3×3 Sobel gradients with the border reflected without repeating the edge pixel
    /// (OpenCV's BORDER_REFLECT_101).
    static func sobel(_ m: GrayMatrix) -> (x: GrayMatrix, y: GrayMatrix) {
        var gx = GrayMatrix(width: m.width, height: m.height), gy = gx
        guard m.width > 1, m.height > 1 else { return (gx, gy) }
        func reflect(_ i: Int, _ count: Int) -> Int { i < 0 ? -i : (i >= count ? 2 * count - 2 - i : i) }
        for row in 0..<m.height {
            let up = reflect(row - 1, m.height), down = reflect(row + 1, m.height)
            for column in 0..<m.width {
                let l = reflect(column - 1, m.width), r = reflect(column + 1, m.width)
                gx[row, column] = (m[up, r] - m[up, l]) + 2 * (m[row, r] - m[row, l]) + (m[down, r] - m[down, l])
                gy[row, column] = (m[down, l] - m[up, l]) + 2 * (m[down, column] - m[up, column]) + (m[down, r] - m[up, r])
            }
        }
        return (gx, gy)
    }
}
