import Foundation

/// A 64-byte summary of a template for the first stage of a 1:N search: which geometries
/// of nearby minutia pairs (distance, and each one's direction relative to the line
/// joining them) the finger has, and which it has often. Needs no alignment; comparing two
/// is eight AND + POPCNT, so millions of gallery entries are scanned per second and only
/// the best are scored exactly.
public struct PairSignature: Sendable, Equatable {
    static let distanceBins = 16
    static let angleBins = 4
    static let size = distanceBins * angleBins * angleBins
    /// Pairs further apart than this say little that survives skin distortion.
    static let maximumDistance: Float = 200
    static let minimumDistance: Float = 10

    /// Bins seen at least once, then bins seen at least twice: 256 bits each.
    let present: SIMD4<UInt64>
    let repeated: SIMD4<UInt64>

    public init(_ template: FingerprintTemplate) {
        // The same y-up frame as the cylinders, for the same reason.
        let points = template.minutiae.map { (x: $0.x, y: -$0.y, angle: $0.angle) }
        var counts = [UInt8](repeating: 0, count: Self.size)
        for i in points.indices {
            for j in points.indices where j > i {
                let dx = points[j].x - points[i].x, dy = points[j].y - points[i].y
                let distance = (dx * dx + dy * dy).squareRoot()
                guard distance >= Self.minimumDistance, distance < Self.maximumDistance else { continue }
                let line = atan2(dy, dx)
                let a = Self.bin(Cylinder.difference(points[i].angle, line))
                let b = Self.bin(Cylinder.difference(points[j].angle, line))
                // The pair has no order: file it so that (i, j) and (j, i) land alike.
                let (low, high) = a <= b ? (a, b) : (b, a)
                let d = min(Self.distanceBins - 1, Int((distance - Self.minimumDistance) / ((Self.maximumDistance - Self.minimumDistance) / Float(Self.distanceBins))))
                let index = (d * Self.angleBins + low) * Self.angleBins + high
                counts[index] = counts[index] &+ (counts[index] < 255 ? 1 : 0)
            }
        }
        var present = SIMD4<UInt64>(), repeated = SIMD4<UInt64>()
        for (index, count) in counts.enumerated() {
            if count >= 1 { present[index >> 6] |= 1 << UInt64(index & 63) }
            if count >= 2 { repeated[index >> 6] |= 1 << UInt64(index & 63) }
        }
        self.present = present
        self.repeated = repeated
    }

    private static func bin(_ angle: Float) -> Int {
        min(angleBins - 1, Int((angle + .pi) / (2 * .pi) * Float(angleBins)))
    }

    /// How many bins the two share, counting shared repeated bins twice.
    @inline(__always)
    public func overlap(_ other: PairSignature) -> Int {
        let a = present & other.present, b = repeated & other.repeated
        return a[0].nonzeroBitCount &+ a[1].nonzeroBitCount &+ a[2].nonzeroBitCount &+ a[3].nonzeroBitCount
            &+ b[0].nonzeroBitCount &+ b[1].nonzeroBitCount &+ b[2].nonzeroBitCount &+ b[3].nonzeroBitCount
    }
}
