import EnrollCore
import Imaging

/// Fingerprint quality on the device: a 0–100 score with NFIQ 2's meaning (higher is
/// better), computed from the gray image, and the feedback codes a person can act on.
///
/// With NIST's forest loaded (`QualityForest`) the score is NFIQ 2's own model over the 69
/// native measures computed here in Swift; without it, a linear model over four of this
/// module's measures, which agrees with NFIQ 2 less closely (README, Quality).
public struct FingerprintQuality: FingerQualityAssessing {
    /// The least score a capture must reach to be accepted.
    public var minimumScore: Int
    public var model: FingerQualityModel
    public var forest: QualityForest?
    /// What the forest is given for NFIQ 2's FingerJet minutiae measures.
    public var minutiae: NativeMinutiae

    public init(minimumScore: Int = 40, model: FingerQualityModel = .fitted, forest: QualityForest? = nil, minutiae: NativeMinutiae = .typical) {
        self.minimumScore = minimumScore
        self.model = model
        self.forest = forest
        self.minutiae = minutiae
    }

    /// Which model gave a score, in `measures["forest"]`: 1 NFIQ 2's forest, 0 the linear one.
    public static let forestMeasure = "forest"

    public func assess(_ image: FingerprintImage) -> CaptureQuality {
        let print = image.resampled(toPPI: 500)
        let measures = FingerMeasures(measuring: print)
        var feedback = FingerFeedback.codes(measures)
        var named = measures.named
        let linear = model.rawScore(measures)
        named["score_raw"] = linear
        var score = Int(min(100, max(1, linear)).rounded())
        named[Self.forestMeasure] = 0
        if let forest {
            named[Self.forestMeasure] = 1
            if let native = NativeQualityMeasures(print, minutiae: minutiae, skeleton: measures.minutiaPoints) {
                score = forest.score(native.forestInput)
                for (name, value) in native.values { named[NativeQualityMeasures.prefix + name] = value }
            } else {
                // NFIQ 2 refuses such a print (too little ridge area to measure): the lowest
                // score, and the person is told to put more of the finger down.
                score = 0
                if !feedback.contains(FingerFeedback.noFingerprint), !feedback.contains(FingerFeedback.tooSmall) { feedback.append(FingerFeedback.tooSmall) }
            }
        }
        if feedback.contains(FingerFeedback.noFingerprint) { score = 0 }
        return CaptureQuality(score: score, acceptable: score >= minimumScore && !feedback.contains(FingerFeedback.noFingerprint), feedback: feedback, measures: named)
    }

    /// The measures at 500 ppi (other resolutions are resampled first).
    public func measures(_ image: FingerprintImage) -> FingerMeasures {
        FingerMeasures(measuring: image.resampled(toPPI: 500))
    }
}
