import Foundation

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
