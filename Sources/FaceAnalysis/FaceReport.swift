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

    /// The failed checks' feedback codes (their names, or which way to move), each once, in
    /// the checks' order: the centring and the frame-edge checks may both say "move left".
    public var failed: [String] {
        var seen = Set<String>()
        return checks.filter { !$0.passed }.map(\.code).filter { seen.insert($0).inserted }
    }
}
