import Foundation
import Testing
import TestSupport
@testable import Matching

/// Score ↔ false match rate calibration and person-level fusion.
@Suite struct CalibrationTests {
    /// Impostor scores with an exponential tail on the matcher's scale (its impostors score
    /// 1–4): many low, few high.
    static func impostors(count: Int, seed: UInt64) -> [Double] {
        var g = SeededGenerator(seed: seed)
        return (0..<count).map { _ in min(100, 1 - 0.4 * log(Double.random(in: Double.ulpOfOne...1, using: &g))) }
    }

    @Test func theObservedRateIsUsedWhereThereAreEnoughImpostors() {
        let scores = Self.impostors(count: 10_000, seed: 1)
        let calibration = ScoreCalibration(impostorScores: scores)
        #expect(calibration.total == 10_000)
        for score in [1.2, 1.5, 2.0, 2.5] {
            let observed = Double(scores.filter { $0 >= score }.count) / 10_000
            let estimate = calibration.falseMatchRate(atScore: score)
            // Conservative by at most the scores in the bin holding `score`.
            #expect(estimate >= observed)
            #expect(estimate <= observed + Double(scores.filter { $0 >= score - calibration.binWidth && $0 < score }.count) / 10_000 + 1e-12)
        }
    }

    @Test func theRateFallsWithTheScoreAndIsExtrapolatedPastTheLastImpostor() {
        let calibration = ScoreCalibration(impostorScores: Self.impostors(count: 10_000, seed: 2))
        var previous = 1.0
        for step in 0...1000 {
            let rate = calibration.falseMatchRate(atScore: Double(step) / 50)
            #expect(rate <= previous)
            #expect(rate > 0)
            previous = rate
        }
        // exp(-(s - 1) / 0.4): at 6, about 3.7e-6, far past the last of 10,000 impostors
        // (the fit is of the histogram's tail, so loosely).
        let far = calibration.falseMatchRate(atScore: 6)
        #expect(far > 1e-8 && far < 1e-4)
    }

    @Test(arguments: [0.01, 0.001, 0.0001, 0.00001])
    func theThresholdMeetsItsTarget(target: Double) {
        let scores = Self.impostors(count: 20_000, seed: 3)
        let calibration = ScoreCalibration(impostorScores: scores)
        let threshold = calibration.threshold(forFalseMatchRate: target)
        #expect(calibration.falseMatchRate(atScore: threshold) <= target)
        #expect(calibration.falseMatchRate(atScore: threshold - 0.01) > target)
        #expect(Double(scores.filter { $0 >= threshold }.count) / Double(scores.count) <= target)
    }

    @Test func anEmptyHistogramPromisesNothing() {
        let calibration = ScoreCalibration(binWidth: 0.05, counts: [])
        #expect(calibration.falseMatchRate(atScore: 99) == 1)
        #expect(calibration.threshold(forFalseMatchRate: 0.0001) == 100)
        // Hostile counts: negatives are taken as zero.
        #expect(ScoreCalibration(binWidth: 0.05, counts: [-5, 3, -1]).total == 3)
    }

    /// The committed calibration (scripts/calibrate-matching) on the FVC2002 impostors.
    @Test func theShippedCalibrationMeetsTheDefaultTargetOnItsImpostors() {
        let calibration = ScoreCalibration.fvc2002
        #expect(calibration.total > 10_000)
        let threshold = calibration.threshold(forFalseMatchRate: 0.0001)
        // At 1 in 10,000 on 12,000 impostors, at most one may score at or above the threshold
        // (counting the whole bin that holds it).
        let bin = Int(threshold / calibration.binWidth)
        let above = calibration.counts[min(bin, calibration.counts.count)...].reduce(0, +)
        #expect(Double(above) / Double(calibration.total) <= 0.0001)
        // Near the highest impostor, and within reach of genuine pairs (mostly 3–40).
        let highest = Double(calibration.counts.lastIndex { $0 > 0 } ?? 0) * calibration.binWidth
        #expect(threshold > highest - 1 && threshold < 10)
    }

    @Test func fisherFusionIsCalibratedForAnyNumberOfFingers() {
        #expect(abs(FusionRule.fisher.falseMatchRate([0.01]) - 0.01) < 1e-12)
        // Two fingers at 1 % each: 1e-4 × (1 − ln 1e-4) ≈ 1.02e-3, not the bare product 1e-4.
        #expect(abs(FusionRule.fisher.falseMatchRate([0.01, 0.01]) - 1e-4 * (1 - log(1e-4))) < 1e-12)
        // An uninformative finger (rate 1) weakens the other's evidence only by the factor
        // 1 − ln p (here 1e-6 × 14.8): the price of having looked at two fingers.
        #expect(abs(FusionRule.fisher.falseMatchRate([1e-6, 1]) - 1e-6 * (1 - log(1e-6))) < 1e-15)
        #expect(FusionRule.fisher.falseMatchRate([]) == 1)
        #expect(FusionRule.fisher.falseMatchRate([1, 1, 1]) == 1)
        // Two moderate fingers beat one of them alone.
        #expect(FusionRule.fisher.falseMatchRate([0.001, 0.001]) < 0.001)
        // Extreme inputs stay finite.
        #expect(FusionRule.fisher.falseMatchRate([0, 0, 0]).isFinite)
    }

    /// Under the impostor hypothesis the rates are uniform: the fused rate must be too, so
    /// "fused ≤ t" happens for a share t of impostor people.
    @Test(arguments: FusionRule.allCases)
    func fusedRatesOfImpostorsAreUniform(rule: FusionRule) {
        var g = SeededGenerator(seed: 4)
        for fingers in 1...4 {
            let fused = (0..<20_000).map { _ in rule.falseMatchRate((0..<fingers).map { _ in Double.random(in: 0...1, using: &g) }) }
            for t in [0.01, 0.05, 0.2] {
                let share = Double(fused.filter { $0 <= t }.count) / Double(fused.count)
                #expect(abs(share - t) < 0.01 + t * 0.1, "\(rule) with \(fingers) fingers at \(t): \(share)")
            }
        }
    }

    @Test func bestFingerCountsTheChancesTaken() {
        #expect(abs(FusionRule.bestFinger.falseMatchRate([0.01]) - 0.01) < 1e-12)
        #expect(abs(FusionRule.bestFinger.falseMatchRate([0.01, 0.5]) - (1 - 0.99 * 0.99)) < 1e-12)
        #expect(abs(FusionRule.bestFinger.falseMatchRate([1e-9, 1, 1]) - 3e-9) < 1e-15)
    }

    @Test func personScoringFollowsTheCalibration() {
        let calibration = ScoreCalibration(impostorScores: Self.impostors(count: 10_000, seed: 5))
        let scoring = PersonScoring(calibration: calibration, rule: .fisher, falseMatchRate: 0.001)
        let single = scoring.singleFingerThreshold
        #expect(scoring.isCandidate(fingerScores: [single]))
        #expect(!scoring.isCandidate(fingerScores: [single - 1]))
        #expect(scoring.fusedScore(fingerScores: [single]) >= 3)
        // Given as a score, the threshold means the same as its rate.
        let byScore = PersonScoring(calibration: calibration, rule: .fisher, scoreThreshold: single)
        #expect(byScore.falseMatchRate == calibration.falseMatchRate(atScore: single))
        #expect(byScore.isCandidate(fingerScores: [single]))
    }
}
