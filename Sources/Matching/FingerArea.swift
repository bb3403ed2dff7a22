/// Where the finger is, as a coarse grid: the convex hull of the minutiae grown by the
/// cylinder's hull offset, rasterised once per template so that each of the thousands of
/// cell tests a template needs is a lookup instead of a walk around the hull.
struct FingerArea: Sendable {
    static let step: Float = 4
    private let originX: Float, originY: Float
    private let columns: Int, rows: Int
    private let inside: [Bool]

    init(_ minutiae: [Minutia], offset: Float) {
        let hull = ConvexHull(minutiae)
        let xs = minutiae.map(\.x), ys = minutiae.map(\.y)
        originX = (xs.min() ?? 0) - offset - Self.step
        originY = (ys.min() ?? 0) - offset - Self.step
        columns = Int((((xs.max() ?? 0) + offset + Self.step) - originX) / Self.step) + 1
        rows = Int((((ys.max() ?? 0) + offset + Self.step) - originY) / Self.step) + 1
        var grid = [Bool](repeating: false, count: max(columns * rows, 0))
        for row in 0..<rows {
            for column in 0..<columns {
                grid[row * columns + column] = hull.contains(
                    x: originX + (Float(column) + 0.5) * Self.step, y: originY + (Float(row) + 0.5) * Self.step, within: offset)
            }
        }
        inside = grid
    }

    @inline(__always)
    func contains(x: Float, y: Float) -> Bool {
        let column = Int((x - originX) / Self.step), row = Int((y - originY) / Self.step)
        guard x >= originX, y >= originY, column < columns, row < rows else { return false }
        return inside[row * columns + column]
    }
}
