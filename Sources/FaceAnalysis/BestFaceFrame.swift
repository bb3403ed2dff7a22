import EnrollCore

/// Live capture keeps the best frame seen so far: the session shows feedback for every
/// frame and, when the person is told to hold still, takes the best rather than the last.
public struct BestFaceFrame: Sendable {
    public private(set) var frame: FaceFrame?
    public private(set) var quality: CaptureQuality?

    public init() {}

    /// Keeps `frame` if it is better: acceptable beats not acceptable, then the higher
    /// score; a tie keeps the earlier frame (no flicker between equal frames). Returns
    /// whether it was kept.
    @discardableResult
    public mutating func offer(_ frame: FaceFrame, _ quality: CaptureQuality) -> Bool {
        if let best = self.quality {
            let (bestRank, newRank) = ((best.acceptable ? 1 : 0, best.score), (quality.acceptable ? 1 : 0, quality.score))
            if bestRank >= newRank { return false }
        }
        self.frame = frame
        self.quality = quality
        return true
    }

    /// Forget the kept frame (a new person, or the session moved on).
    public mutating func reset() {
        frame = nil
        quality = nil
    }
}
