import EnrollCore
import FaceAnalysis
import Imaging

/// Quality that was not assessed: the API shows `assessed: false` with no score, never a
/// pass disguised as a score. The live face feedback falls back to it while dlib's landmark
/// model loads or when it cannot be loaded (see PreloadedFaceQuality, which then takes no
/// photograph), and it is the whole face check when `quality.face_checks` is off (a virtual
/// camera that shows no face); tests use both.

/// Accepts every finger capture without scoring it.
struct UnassessedFingerQuality: FingerQualityAssessing {
    func assess(_ image: FingerprintImage) -> CaptureQuality {
        CaptureQuality(score: 0, acceptable: true, feedback: [CaptureQuality.notAssessedFeedback])
    }
}

/// Accepts every face frame without scoring it; used only with `quality.face_checks` off
/// (a camera that shows no real face), so the photograph is the frame's middle at the token
/// image's size: nothing locates a face, and the record still never keeps the whole frame.
struct UnassessedFaceQuality: FaceQualityAssessing {
    func assess(_ frame: FaceFrame) -> CaptureQuality {
        CaptureQuality(score: 0, acceptable: true, feedback: [CaptureQuality.notAssessedFeedback])
    }

    func photograph(_ frame: FaceFrame) -> FaceFrame? {
        let token = TokenImage.centred(from: RGBImage(width: frame.width, height: frame.height, pixels: frame.rgb))
        return FaceFrame(width: token.width, height: token.height, rgb: token.pixels)
    }
}
