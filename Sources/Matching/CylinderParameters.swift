/// The Minutia Cylinder-Code parameters (Cappelli, Ferrara, Maltoni, "Minutia
/// Cylinder-Code", IEEE TPAMI 2010), for 500 ppi. Fixed here so templates built on the
/// kiosk and at the centre compare alike.
enum CylinderParameters {
    /// Radius of the cylinder's base, in pixels.
    static let radius: Float = 70
    /// Cells along each side of the base.
    static let spatialCells = 16
    /// Angular sections.
    static let angularSections = 6
    static let cellSize = 2 * radius / Float(spatialCells)
    static let sectionSize = 2 * Float.pi / Float(angularSections)
    static let sigmaS: Float = 28.0 / 3.0
    static let sigmaD: Float = 2 * .pi / 9
    /// A cell's bit is set when its contribution reaches this (the sigmoid's midpoint).
    static let threshold: Float = 0.01
    /// Cells further than this from the convex hull of all minutiae are not valid.
    static let hullOffset: Float = 50
    /// A cylinder needs this share of its base valid, and this many neighbours, to be used.
    static let minimumValidShare: Float = 0.75
    static let minimumNeighbours = 2
    /// Two cylinders compare only when this share of cells is valid in both.
    static let minimumMatchableShare: Float = 0.6
    /// And only when their minutiae point within this angle of each other.
    static let maximumAngle: Float = .pi / 2

    static let bits = spatialCells * spatialCells * angularSections
    /// `minimumMatchableShare` of the base's cells, counted in bits (sections per cell).
    static let minimumMatchableBits = minimumMatchableShare * Float(cellsInCircle.count * angularSections)
    static let words = bits / 64

    /// Cells whose centre lies within the base's circle, as (i, j) with offsets from the
    /// minutia in cylinder coordinates; computed once.
    static let cellsInCircle: [(index: Int, dx: Float, dy: Float)] = {
        var cells: [(Int, Float, Float)] = []
        let half = Float(spatialCells + 1) / 2
        for j in 1...spatialCells {
            for i in 1...spatialCells {
                let dx = cellSize * (Float(i) - half), dy = cellSize * (Float(j) - half)
                if dx * dx + dy * dy <= radius * radius { cells.append(((j - 1) * spatialCells + (i - 1), dx, dy)) }
            }
        }
        return cells
    }()
}
