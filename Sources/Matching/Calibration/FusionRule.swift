import Foundation

/// How the scores of several fingers of one person become one decision.
///
/// Each finger's score is first turned into its false match rate p (the calibration's
/// impostor tail), so fingers are compared on one scale whatever their quality. Then:
/// - `fisher` (the default): Fisher's method. Impostor scores of different fingers are
///   independent, so under "different person" every p is uniform and −2 Σ ln p follows a
///   χ² law with 2k degrees of freedom; its tail is the person-level false match rate.
///   Two fingers that each match moderately well outweigh one: this is the
///   product-of-likelihoods rule with the correction that keeps it calibrated for any k
///   (the bare product of k rates would understate the rate).
/// - `bestFinger`: only the best finger counts, corrected for having had k chances
///   (1 − (1 − p_min)^k). Robust when the other fingers are poor captures, but it throws
///   away the evidence of the others.
public enum FusionRule: String, Sendable, CaseIterable {
    case fisher
    case bestFinger = "best_finger"

    /// The person-level false match rate of per-finger false match rates `rates`; 1 when
    /// there are none.
    public func falseMatchRate(_ rates: [Double]) -> Double {
        guard !rates.isEmpty else { return 1 }
        let clamped = rates.map { min(1, max($0, Double.leastNormalMagnitude)) }
        switch self {
        case .bestFinger:
            let best = clamped.min() ?? 1
            // 1 − (1 − p)^k without cancellation for tiny p.
            return -expm1(Double(clamped.count) * log1p(-min(best, 1 - .ulpOfOne)))
        case .fisher:
            // P(χ²_2k ≥ x) with x/2 = −Σ ln p: e^(−x/2) Σ_{j<k} (x/2)^j / j!.
            let half = -clamped.reduce(0) { $0 + log($1) }
            var term = 1.0, sum = 1.0
            for j in 1..<max(1, clamped.count) {
                term *= half / Double(j)
                sum += term
            }
            return min(1, exp(-half) * sum)
        }
    }
}
