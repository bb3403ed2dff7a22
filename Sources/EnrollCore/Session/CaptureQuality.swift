/// How good one capture is, in the form the session and the UI need: a score with the
/// standard's meaning (0–100, higher is better), whether it meets the configured threshold,
/// and the plain-language reasons a person can act on.
public struct CaptureQuality: Codable, Sendable, Equatable {
    /// 0–100; NFIQ 2's meaning for fingers, an OFIQ-like combination for faces.
    public var score: Int
    /// Whether the capture meets the configured threshold and every required check.
    public var acceptable: Bool
    /// Stable codes the UI translates ("too_dark", "off_centre", "no_fingerprint", …).
    public var feedback: [String]
    /// Every measure by name, for technicians and `enrollctl quality`.
    public var measures: [String: Double]

    public init(score: Int, acceptable: Bool, feedback: [String], measures: [String: Double] = [:]) {
        self.score = score
        self.acceptable = acceptable
        self.feedback = feedback
        self.measures = measures
    }

    /// The feedback code of a capture that was not scored (no landmark model yet, checks
    /// switched off): the API shows it as `assessed: false`, never as a score.
    public static let notAssessedFeedback = "not_assessed"

    /// Whether the capture was scored at all.
    public var assessed: Bool { !feedback.contains(Self.notAssessedFeedback) }

    /// The one acceptance rule, for the session's state machine, the API's answer and the
    /// screen alike: the checker's verdict (its minimum score and required checks) and the
    /// session's threshold must both pass. An unassessed capture has no score to hold to a
    /// threshold: the checker's pass stands.
    public func meets(threshold: Int) -> Bool {
        acceptable && (!assessed || score >= threshold)
    }
}

/// One camera frame as the face checks take it: 8-bit RGB, row by row.
public struct FaceFrame: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var rgb: [UInt8]

    public init(width: Int, height: Int, rgb: [UInt8]) {
        precondition(width >= 0 && height >= 0 && rgb.count == width * height * 3, "sample count does not match the size")
        self.width = width
        self.height = height
        self.rgb = rgb
    }
}

/// Scores a fingerprint capture locally, while the person is still at the reader.
public protocol FingerQualityAssessing: Sendable {
    func assess(_ image: FingerprintImage) -> CaptureQuality
}

/// Scores a camera frame for a face photograph (ICAO checks), fast enough for live feedback.
public protocol FaceQualityAssessing: Sendable {
    func assess(_ frame: FaceFrame) -> CaptureQuality
    /// What the record keeps of an accepted frame: the ISO/IEC 19794-5 token image (the
    /// face cut out and scaled from the eye positions), never the whole frame with the room
    /// and whoever stands behind the person. nil when it cannot be made (no single face
    /// located, or the face checks are not available), and then no photograph is taken.
    func photograph(_ frame: FaceFrame) -> FaceFrame?
}
