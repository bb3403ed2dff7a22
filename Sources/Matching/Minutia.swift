/// One minutia at 500 ppi: where a ridge ends or splits, and which way it runs.
public struct Minutia: Sendable, Equatable {
    /// What happens to the ridge here.
    public enum Kind: UInt8, Sendable {
        case other = 0, ending = 1, bifurcation = 2
    }

    /// Pixels from the left edge, at 500 ppi.
    public var x: Float
    /// Pixels from the top edge, at 500 ppi.
    public var y: Float
    /// Direction in radians, counter-clockwise from the x axis (east), in 0..<2π.
    public var angle: Float
    public var kind: Kind
    /// 0–100, as the extractor rated it; 0 when unknown.
    public var quality: UInt8

    public init(x: Float, y: Float, angle: Float, kind: Kind, quality: UInt8) {
        self.x = x
        self.y = y
        self.angle = Self.normalized(angle)
        self.kind = kind
        self.quality = quality
    }

    /// An angle folded into 0..<2π.
    static func normalized(_ angle: Float) -> Float {
        let turn = 2 * Float.pi
        let folded = angle.truncatingRemainder(dividingBy: turn)
        return folded < 0 ? folded + turn : (folded >= turn ? 0 : folded)
    }
}
