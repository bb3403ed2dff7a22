/// Verification error rates from genuine and impostor score lists (FVC definitions).
public struct ErrorRates: Sendable {
    private let genuine: [Double]
    private let impostor: [Double]

    public init(genuine: [Double], impostor: [Double]) {
        self.genuine = genuine.sorted()
        self.impostor = impostor.sorted()
    }

    /// False match rate at threshold t: impostor scores ≥ t.
    public func fmr(at threshold: Double) -> Double {
        guard !impostor.isEmpty else { return 0 }
        return Double(impostor.count - lowerBound(impostor, threshold)) / Double(impostor.count)
    }

    /// False non-match rate at threshold t: genuine scores < t.
    public func fnmr(at threshold: Double) -> Double {
        guard !genuine.isEmpty else { return 0 }
        return Double(lowerBound(genuine, threshold)) / Double(genuine.count)
    }

    /// The rate where FMR and FNMR cross (their mean at the closest threshold).
    public var equalErrorRate: Double {
        var best = (gap: Double.infinity, rate: 1.0)
        for t in thresholds {
            let a = fmr(at: t), b = fnmr(at: t)
            if abs(a - b) < best.gap { best = (abs(a - b), (a + b) / 2) }
        }
        return best.rate
    }

    /// The lowest FNMR with FMR ≤ `limit` (FMR100 is limit 0.01, ZeroFMR is limit 0).
    public func fnmr(atFMR limit: Double) -> Double {
        thresholds.filter { fmr(at: $0) <= limit }.map { fnmr(at: $0) }.min() ?? 1
    }

    /// The lowest threshold with FMR ≤ `target`: the operating point for a configured FMR.
    public func threshold(forFMR target: Double) -> Double {
        thresholds.filter { fmr(at: $0) <= target }.min() ?? (impostor.last.map { $0.nextUp } ?? 0)
    }

    private var thresholds: [Double] {
        Array(Set(genuine + impostor + [(impostor.last ?? 0).nextUp])).sorted()
    }

    private func lowerBound(_ sorted: [Double], _ value: Double) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
