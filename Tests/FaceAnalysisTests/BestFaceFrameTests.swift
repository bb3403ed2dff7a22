import EnrollCore
import FaceAnalysis
import Testing

@Suite struct BestFaceFrameTests {
    static func frame(_ value: UInt8) -> FaceFrame { FaceFrame(width: 1, height: 1, rgb: [value, value, value]) }

    @Test func keepsAcceptableThenHigherScoreAndTheEarlierOnTies() {
        var best = BestFaceFrame()
        var kept: [Bool] = []
        kept.append(best.offer(Self.frame(1), CaptureQuality(score: 80, acceptable: false, feedback: ["yaw"])))
        // Acceptable wins over a higher score that is not.
        kept.append(best.offer(Self.frame(2), CaptureQuality(score: 60, acceptable: true, feedback: [])))
        kept.append(best.offer(Self.frame(3), CaptureQuality(score: 95, acceptable: false, feedback: ["sharpness"])))
        // A tie keeps the earlier frame.
        kept.append(best.offer(Self.frame(4), CaptureQuality(score: 60, acceptable: true, feedback: [])))
        kept.append(best.offer(Self.frame(5), CaptureQuality(score: 70, acceptable: true, feedback: [])))
        #expect(kept == [true, true, false, false, true])
        #expect(best.frame == Self.frame(5))
        #expect(best.quality?.score == 70)
        best.reset()
        #expect(best.frame == nil && best.quality == nil)
    }
}
