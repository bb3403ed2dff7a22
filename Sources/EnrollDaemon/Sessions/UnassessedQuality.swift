import EnrollCore

/// Quality that was not assessed: the API shows `assessed: false` with no score, never a
/// pass disguised as a score. The face checks fall back to it while dlib's landmark model
/// loads, when it cannot be loaded (see PreloadedFaceQuality), or when `quality.face_checks`
/// is off (a virtual camera that shows no face); tests use both.

/// Accepts every finger capture without scoring it.
struct UnassessedFingerQuality: FingerQualityAssessing {
    func assess(_ image: FingerprintImage) -> CaptureQuality {
        CaptureQuality(score: 0, acceptable: true, feedback: [CaptureQuality.notAssessedFeedback])
    }
}

/// Accepts every face frame without scoring it.
struct UnassessedFaceQuality: FaceQualityAssessing {
    func assess(_ frame: FaceFrame) -> CaptureQuality {
        CaptureQuality(score: 0, acceptable: true, feedback: [CaptureQuality.notAssessedFeedback])
    }
}
