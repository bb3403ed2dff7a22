/// One minutia as NBIS (mindtct) reports it: NIST coordinates, so y grows upwards from
/// the image's bottom edge, and the ridge direction in degrees.
public struct Minutia: Sendable, Equatable, Hashable, Codable {
    public var x: Int
    public var y: Int
    /// Degrees in -180…180, as libfprint stores them for bozorth3 (not checked: foreign
    /// data may differ).
    public var angle: Int

    public init(x: Int, y: Int, angle: Int) {
        self.x = x
        self.y = y
        self.angle = angle
    }
}
