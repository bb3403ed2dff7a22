/// One ICAO check's outcome: what was measured, against which limit, and what to tell the
/// person when it fails.
public struct FaceCheck: Sendable, Equatable, Codable {
    /// Stable name, also the feedback code when it fails ("eye_distance", "yaw", …).
    public var name: String
    public var value: Double
    /// The limit, in words ("≥ 90 px").
    public var limit: String
    public var passed: Bool
    /// 0–1 component quality for the combined score (0.5 at the limit).
    public var quality: Double
    /// Plain language for staff and the kiosk screen.
    public var message: String
    /// The feedback code when the check failed and its name alone would not say what to do
    /// (which way to move: `FaceDirection`); nil: the name is the code.
    public var failureCode: String? = nil

    /// What the session and the kiosk page are told when this check fails.
    public var code: String { failureCode ?? name }
}
