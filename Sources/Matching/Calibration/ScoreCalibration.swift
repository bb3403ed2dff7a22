import Foundation

/// What a 1:1 score means: the share of impostor comparisons (two different fingers) that
/// score at least as high, so a threshold can be set as a false match rate rather than as
/// a bare number that changes with every matcher tweak.
///
/// The impostor scores are kept as a histogram. Where few impostors lie above a score the
/// observed share is noise (and zero beyond the highest impostor, which would promise an
/// FMR of nothing), so there the rate is the larger of (k + 1) / (n + 1) and an exponential
/// fitted to the upper tail of the histogram, and beyond the highest impostor the fit alone;
/// this keeps the estimate conservative and non-increasing in the score.
public struct ScoreCalibration: Sendable, Equatable {
    /// Width of a histogram bin in score points.
    public let binWidth: Double
    /// Impostor comparisons per bin: bin i holds scores in [i·binWidth, (i+1)·binWidth).
    public let counts: [Int]
    /// Impostors in bin i or above, for every i (and 0 past the end).
    private let above: [Int]
    /// log10 FMR ≈ intercept + slope · score over the upper tail; nil when no decreasing
    /// tail could be fitted, and then only the observed share is used.
    private let tail: (intercept: Double, slope: Double)?

    /// Fewer impostors than this above a score and the observed share is not trusted alone.
    static let trustedCount = 20
    /// The tail fit uses the bins whose observed FMR is at most this.
    static let tailStart = 0.05

    public init(binWidth: Double, counts: [Int]) {
        self.binWidth = binWidth
        self.counts = counts.map { max(0, $0) }
        var above = [Int](repeating: 0, count: counts.count + 1)
        for index in counts.indices.reversed() { above[index] = above[index + 1] + self.counts[index] }
        self.above = above
        self.tail = Self.fitTail(binWidth: binWidth, above: above)
    }

    /// Builds the histogram from raw impostor scores (the calibration tool's input). The
    /// matcher's impostors score 1–4 and its genuine pairs mostly 3–40, so fine bins up to 25
    /// resolve the tail; higher scores share the last bin.
    public init(impostorScores scores: [Double], binWidth: Double = 0.05, maximumScore: Double = 25) {
        var counts = [Int](repeating: 0, count: Int((maximumScore / binWidth).rounded(.up)) + 1)
        for score in scores where score.isFinite {
            counts[min(counts.count - 1, max(0, Int(score / binWidth)))] += 1
        }
        self.init(binWidth: binWidth, counts: counts)
    }

    /// Impostor comparisons the histogram holds.
    public var total: Int { above.first ?? 0 }

    /// The estimated share of impostor comparisons scoring `score` or more.
    public func falseMatchRate(atScore score: Double) -> Double {
        guard total > 0 else { return 1 }
        // The bin holding the score counts whole: an impostor just below the score in the
        // same bin is counted too (over-estimates, never under).
        let bin = min(counts.count, max(0, Int((score / binWidth).rounded(.down))))
        let count = above[bin]
        let observed = Double(count) / Double(total)
        guard count < Self.trustedCount else { return observed }
        // Few impostors above: each seen one counts as if one more were hiding behind it
        // ((k + 1) / (n + 1)), so a threshold never settles just below the highest impostors
        // seen; past the last one only the fitted tail can say how rare a score is.
        let sparse = count > 0 ? Double(count + 1) / Double(total + 1) : 0
        guard let tail else { return max(sparse, 1 / Double(total)) }
        return min(1, max(sparse, pow(10, tail.intercept + tail.slope * score)))
    }

    /// The lowest score (in steps of 0.01) whose false match rate is at most `target`;
    /// 100 when none is.
    public func threshold(forFalseMatchRate target: Double) -> Double {
        var low = 0, high = 10_000  // hundredths; falseMatchRate is non-increasing
        while low < high {
            let mid = (low + high) / 2
            if falseMatchRate(atScore: Double(mid) / 100) <= target { high = mid } else { low = mid + 1 }
        }
        return Double(low) / 100
    }

    /// Least squares of log10(observed FMR) on the bin edges between `tailStart` and the
    /// last edge with `trustedCount` impostors above it.
    private static func fitTail(binWidth: Double, above: [Int]) -> (intercept: Double, slope: Double)? {
        guard let total = above.first, total > 0 else { return nil }
        var points: [(x: Double, y: Double)] = []
        for (bin, count) in above.enumerated() where count >= trustedCount && Double(count) / Double(total) <= tailStart {
            points.append((Double(bin) * binWidth, log10(Double(count) / Double(total))))
        }
        guard points.count >= 3 else { return nil }
        let n = Double(points.count)
        let meanX = points.reduce(0) { $0 + $1.x } / n, meanY = points.reduce(0) { $0 + $1.y } / n
        let sxx = points.reduce(0) { $0 + ($1.x - meanX) * ($1.x - meanX) }
        let sxy = points.reduce(0) { $0 + ($1.x - meanX) * ($1.y - meanY) }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        guard slope < 0 else { return nil }
        return (meanY - slope * meanX, slope)
    }

    public static func == (lhs: ScoreCalibration, rhs: ScoreCalibration) -> Bool {
        lhs.binWidth == rhs.binWidth && lhs.counts == rhs.counts
    }
}
