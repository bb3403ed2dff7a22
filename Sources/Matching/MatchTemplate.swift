/// A template prepared for matching: its minutiae and the cylinders built from them.
/// Building cylinders is the costly part, so a gallery keeps these, not raw minutiae.
public struct MatchTemplate: Sendable {
    /// Minutiae that have a valid cylinder, in cylinder order.
    let minutiae: [Minutia]
    /// Every cylinder's bits then mask, `2 × CylinderParameters.words` words each, in one
    /// flat array: the inner loop of matching reads them without copying or reference
    /// counting.
    let words: [UInt64]
    /// Each cylinder's minutia direction.
    let angles: [Float]
    /// How many cells of each cylinder lie on the finger.
    let validCells: [Int]

    public init(_ template: FingerprintTemplate) {
        // ISO and NBIS measure angles counter-clockwise as seen on the image, whose y axis
        // points down; the geometry here is done with y pointing up, so that a rotation of
        // the finger turns positions and directions the same way.
        let minutiae = template.minutiae.map { Minutia(x: $0.x, y: -$0.y, angle: $0.angle, kind: $0.kind, quality: $0.quality) }
        let area = FingerArea(minutiae, offset: CylinderParameters.hullOffset)
        var kept: [Minutia] = []
        var words: [UInt64] = []
        var valid: [Int] = []
        for index in minutiae.indices {
            if let cylinder = Cylinder(of: index, in: minutiae, area: area) {
                kept.append(minutiae[index])
                words += cylinder.bits
                words += cylinder.mask
                valid.append(cylinder.validCells)
            }
        }
        self.minutiae = kept
        self.words = words
        self.angles = kept.map(\.angle)
        self.validCells = valid
    }

    /// How many minutiae take part in matching.
    public var count: Int { angles.count }
}
