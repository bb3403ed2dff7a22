import EnrollCore

/// A gray image as `Double`s, top row first: the working form of the native quality measures
/// (ISO/IEC 29794-4, as NIST's NFIQ 2 computes them), which average, differentiate and rotate
/// blocks in floating point.
struct GrayMatrix: Sendable, Equatable {
    let width: Int
    let height: Int
    var values: [Double]

    init(width: Int, height: Int, values: [Double]) {
        precondition(width >= 0 && height >= 0 && values.count == width * height, "value count does not match the size")
        self.width = width
        self.height = height
        self.values = values
    }

    init(width: Int, height: Int, repeating value: Double = 0) {
        self.init(width: width, height: height, values: [Double](repeating: value, count: width * height))
    }

    init(_ image: FingerprintImage) {
        self.init(width: image.width, height: image.height, values: image.pixels.map(Double.init))
    }

    subscript(row: Int, column: Int) -> Double {
        get { values[row * width + column] }
        set { values[row * width + column] = newValue }
    }

    /// The rectangle from (`top`, `left`), clipped to the matrix.
    func region(top: Int, left: Int, height: Int, width: Int) -> GrayMatrix {
        let rows = max(0, min(top + height, self.height) - top), columns = max(0, min(left + width, self.width) - left)
        var out = [Double]()
        out.reserveCapacity(rows * columns)
        for row in top..<(top + rows) {
            let start = row * self.width + left
            out.append(contentsOf: values[start..<(start + columns)])
        }
        return GrayMatrix(width: columns, height: rows, values: out)
    }

    /// Mean and standard deviation over all values, or over those where `mask` is true. The
    /// deviation is the population one (divided by n), as OpenCV's `meanStdDev` gives it,
    /// which is what NFIQ 2's forest was trained on.
    func meanAndDeviation(where mask: [Bool]? = nil) -> (mean: Double, deviation: Double) {
        MeasureStatistics.meanAndDeviation(values, where: mask)
    }
}

/// Population mean and standard deviation, in two passes (a block of a bright platen has a
/// large mean and a tiny variance: one pass would lose the variance to cancellation).
enum MeasureStatistics {
    static func meanAndDeviation(_ values: [Double], where mask: [Bool]? = nil) -> (mean: Double, deviation: Double) {
        var sum = 0.0, count = 0
        for index in values.indices where mask?[index] ?? true {
            sum += values[index]
            count += 1
        }
        guard count > 0 else { return (0, 0) }
        let mean = sum / Double(count)
        var squares = 0.0
        for index in values.indices where mask?[index] ?? true {
            let d = values[index] - mean
            squares += d * d
        }
        return (mean, (squares / Double(count)).squareRoot())
    }
}
