/// The convex hull of a template's minutiae: an estimate of where the finger touched the
/// sensor, so cylinder cells outside it count as unknown rather than as "no minutia here".
struct ConvexHull: Sendable {
    /// Corners in counter-clockwise order.
    let corners: [(x: Float, y: Float)]

    init(_ minutiae: [Minutia]) {
        let points = minutiae.map { (x: $0.x, y: $0.y) }.sorted { $0.x == $1.x ? $0.y < $1.y : $0.x < $1.x }
        guard points.count >= 3 else {
            corners = points
            return
        }
        func cross(_ o: (x: Float, y: Float), _ a: (x: Float, y: Float), _ b: (x: Float, y: Float)) -> Float {
            (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
        }
        var lower: [(x: Float, y: Float)] = []
        for p in points {
            while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], p) <= 0 { lower.removeLast() }
            lower.append(p)
        }
        var upper: [(x: Float, y: Float)] = []
        for p in points.reversed() {
            while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], p) <= 0 { upper.removeLast() }
            upper.append(p)
        }
        corners = Array(lower.dropLast() + upper.dropLast())
    }

    /// Whether (x, y) is inside the hull or within `offset` pixels of it.
    func contains(x: Float, y: Float, within offset: Float) -> Bool {
        guard corners.count >= 3 else {
            return corners.contains { ($0.x - x) * ($0.x - x) + ($0.y - y) * ($0.y - y) <= offset * offset }
        }
        var inside = true
        var nearest = Float.infinity
        for index in corners.indices {
            let a = corners[index], b = corners[(index + 1) % corners.count]
            let ex = b.x - a.x, ey = b.y - a.y
            if ex * (y - a.y) - ey * (x - a.x) < 0 { inside = false }
            let length = ex * ex + ey * ey
            let t = length > 0 ? max(0, min(1, ((x - a.x) * ex + (y - a.y) * ey) / length)) : 0
            let dx = a.x + t * ex - x, dy = a.y + t * ey - y
            nearest = min(nearest, dx * dx + dy * dy)
        }
        return inside || nearest <= offset * offset
    }
}
