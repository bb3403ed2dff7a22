/// Everything the analysis of one frame found.
public struct FaceReport: Sendable, Equatable {
    /// Faces counted (spurious small detections left out).
    public var faces: Int
    /// The face the checks were run on (the largest), in frame pixels.
    public var box: FaceBox?
    public var landmarks: FaceLandmarks?
    public var checks: [FaceCheck]
    /// 0–100, combined from the checks' component qualities.
    public var score: Int

    /// Names of the failed checks: the feedback codes.
    public var failed: [String] { checks.filter { !$0.passed }.map(\.name) }
}
