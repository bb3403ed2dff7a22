import EnrollCore

/// Stand-ins until the quality and gallery work is merged: each says in its name what it
/// does not do, and the API shows `assessed: false` with no score for their results.
/// The lead replaces them at merge with the real `FingerQualityAssessing`,
/// `FaceQualityAssessing` and `DuplicateSearching`.

/// The feedback code that marks a quality as not assessed.
let notAssessedFeedback = "not_assessed"

/// Accepts every finger capture without scoring it.
struct UnassessedFingerQuality: FingerQualityAssessing {
    func assess(_ image: FingerprintImage) -> CaptureQuality {
        CaptureQuality(score: 0, acceptable: true, feedback: [notAssessedFeedback])
    }
}

/// Accepts every face frame without scoring it.
struct UnassessedFaceQuality: FaceQualityAssessing {
    func assess(_ frame: FaceFrame) -> CaptureQuality {
        CaptureQuality(score: 0, acceptable: true, feedback: [notAssessedFeedback])
    }
}

/// No gallery on this branch: finds no candidates and keeps nothing.
struct NoGalleryDuplicateSearch: DuplicateSearching {
    func candidates(for probes: [FingerPosition: PrintTemplate], limit: Int) async throws -> [DuplicateCandidate] { [] }
    func insert(recordID: String, templates: [FingerPosition: PrintTemplate]) async throws {}
}
