import Foundation

/// A person-level match decision over several fingers, on the scale the kiosk shows:
/// −log10 of the false match rate, so 4 means "one impostor in 10,000 would look this
/// alike" and higher is more alike.
public struct PersonScoring: Sendable {
    public let calibration: ScoreCalibration
    public let rule: FusionRule
    /// Candidates need a person-level false match rate at or below this.
    public let falseMatchRate: Double

    public init(calibration: ScoreCalibration, rule: FusionRule, falseMatchRate: Double) {
        self.calibration = calibration
        self.rule = rule
        self.falseMatchRate = falseMatchRate
    }

    /// A threshold given as a single-finger score: the person must be at least as
    /// unlikely an impostor as one finger scoring `scoreThreshold`.
    public init(calibration: ScoreCalibration, rule: FusionRule, scoreThreshold: Double) {
        self.init(calibration: calibration, rule: rule, falseMatchRate: calibration.falseMatchRate(atScore: scoreThreshold))
    }

    /// The fused false match rate of one person's per-finger 1:1 scores.
    public func falseMatchRate(fingerScores: [Double]) -> Double {
        rule.falseMatchRate(fingerScores.map { calibration.falseMatchRate(atScore: $0) })
    }

    /// The fused score (−log10 of the fused false match rate).
    public func fusedScore(fingerScores: [Double]) -> Double {
        -log10(max(falseMatchRate(fingerScores: fingerScores), Double.leastNormalMagnitude))
    }

    /// Whether the fused evidence reaches the configured false match rate.
    public func isCandidate(fingerScores: [Double]) -> Bool {
        falseMatchRate(fingerScores: fingerScores) <= falseMatchRate
    }

    /// The single-finger score that alone reaches the configured false match rate
    /// (what `enrollctl` and the journal report as the operating point).
    public var singleFingerThreshold: Double { calibration.threshold(forFalseMatchRate: falseMatchRate) }
}
