/// The linear map from measures to a 0–100 score with NFIQ 2's meaning. The weights were
/// fitted by least squares on FVC2002 DB1_B against NIST NFIQ 2's scores (and only on it:
/// DB2_B is the held-out set the README reports). `enroll-quality-eval --fit` refits them.
public struct FingerQualityModel: Sendable, Equatable {
    /// Names of the inputs, in the order of `weights` (the last weight is the intercept).
    public static let inputNames = ["coherent_blocks", "clarity_sum", "coherence_sum", "minutiae_density"]

    public var weights: [Double]

    public init(weights: [Double]) {
        precondition(weights.count == Self.inputNames.count + 1, "one weight per input plus the intercept")
        self.weights = weights
    }

    static func inputs(_ m: FingerMeasures) -> [Double] {
        [Double(m.coherentBlocks), m.claritySum, m.coherenceSum, m.minutiaeDensity]
    }

    /// The unclamped linear score.
    public func rawScore(_ measures: FingerMeasures) -> Double {
        zip(Self.inputs(measures), weights).reduce(weights[weights.count - 1]) { $0 + $1.0 * $1.1 }
    }

    /// Fitted on FVC2002 DB1_B (80 images); see the README's Quality section.
    public static let fitted = FingerQualityModel(weights: [-0.000601798, 0.0541513, 0.0874689, -0.0149186, 17.438])

    /// Ordinary least squares through the normal equations (five unknowns: no library needed).
    public static func fit(_ measures: [FingerMeasures], scores: [Double]) -> FingerQualityModel? {
        let n = inputNames.count + 1
        var a = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n)
        for (m, score) in zip(measures, scores) {
            let x = inputs(m) + [1]
            for i in 0..<n {
                for j in 0..<n { a[i][j] += x[i] * x[j] }
                a[i][n] += x[i] * score
            }
        }
        // Gauss–Jordan with partial pivoting.
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }), abs(a[pivot][column]) > 1e-12 else { return nil }
            a.swapAt(column, pivot)
            for row in 0..<n where row != column {
                let factor = a[row][column] / a[column][column]
                for k in column...n { a[row][k] -= factor * a[column][k] }
            }
        }
        return FingerQualityModel(weights: (0..<n).map { a[$0][n] / a[$0][$0] })
    }
}
