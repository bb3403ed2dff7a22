import EnrollCore
import Testing

/// One acceptance rule (`CaptureQuality.meets`) for the state machine, the API's answer and
/// the screen: the checker's verdict and the session's threshold must both pass, and an
/// unassessed capture has no score to hold to the threshold.
@Suite struct CaptureAcceptanceTests {
    static let cases: [(CaptureQuality, Int, Bool)] = [
        (CaptureQuality(score: 70, acceptable: true, feedback: []), 40, true),
        (CaptureQuality(score: 70, acceptable: true, feedback: []), 100, false),
        (CaptureQuality(score: 40, acceptable: true, feedback: []), 40, true),
        (CaptureQuality(score: 90, acceptable: false, feedback: ["off_centre"]), 40, false),
        (CaptureQuality(score: 0, acceptable: true, feedback: [CaptureQuality.notAssessedFeedback]), 100, true),
        (CaptureQuality(score: 0, acceptable: false, feedback: [CaptureQuality.notAssessedFeedback]), 1, false),
    ]

    @Test(arguments: cases)
    func aFingerCountsOnlyWhenTheCheckerAndTheThresholdAgree(quality: CaptureQuality, threshold: Int, counts: Bool) throws {
        #expect(quality.meets(threshold: threshold) == counts)
        var policy = SessionPolicy.standard
        policy.fingerQualityThreshold = threshold
        var driver = SessionDriver(policy: policy)
        try driver.toFirstFinger()
        try driver.send(.fingerCaptured(.rightIndex, quality: quality, captureID: "c"))
        #expect((driver.session.step != .finger(.rightIndex)) == counts)
    }

    @Test(arguments: cases)
    func aFaceCountsOnlyWhenTheCheckerAndTheThresholdAgree(quality: CaptureQuality, threshold: Int, counts: Bool) throws {
        var policy = SessionPolicy.standard
        policy.faceQualityThreshold = threshold
        var driver = SessionDriver(policy: policy)
        try driver.toFirstFinger()
        try driver.captureAllFingers()
        try driver.send(.faceCaptured(quality: quality, captureID: "face"))
        #expect((driver.session.step != .face) == counts)
    }
}
