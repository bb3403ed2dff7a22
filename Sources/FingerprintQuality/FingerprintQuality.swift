import EnrollCore
import Imaging

/// Fingerprint quality on the device: a 0–100 score with NFIQ 2's meaning (higher is
/// better), computed from the gray image, and the feedback codes a person can act on.
public struct FingerprintQuality: FingerQualityAssessing {
    /// The least score a capture must reach to be accepted.
    public var minimumScore: Int
    public var model: FingerQualityModel

    public init(minimumScore: Int = 40, model: FingerQualityModel = .fitted) {
        self.minimumScore = minimumScore
        self.model = model
    }

    public func assess(_ image: FingerprintImage) -> CaptureQuality {
        let measures = self.measures(image)
        let feedback = FingerFeedback.codes(measures)
        let score = feedback.contains(FingerFeedback.noFingerprint) ? 0 : Int(min(100, max(1, model.rawScore(measures))).rounded())
        var named = measures.named
        named["score_raw"] = model.rawScore(measures)
        return CaptureQuality(score: score, acceptable: score >= minimumScore && !feedback.contains(FingerFeedback.noFingerprint), feedback: feedback, measures: named)
    }

    /// The measures at 500 ppi (other resolutions are resampled first).
    public func measures(_ image: FingerprintImage) -> FingerMeasures {
        FingerMeasures(measuring: image.resampled(toPPI: 500))
    }
}
