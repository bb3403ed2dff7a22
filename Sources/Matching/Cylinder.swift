import Foundation

/// A minutia's local structure as a fixed-size binary descriptor: which neighbours lie
/// where around it, and which way they point, relative to its own position and direction.
/// Rotation and translation invariant by construction, so two impressions of a finger
/// compare without aligning them first.
struct Cylinder: Sendable {
    /// One bit per (cell, angular section).
    var bits: [UInt64]
    /// One bit per (cell, section) whose cell is valid (inside the finger's area).
    var mask: [UInt64]
    /// The minutia's direction, for the angle check between cylinders.
    var angle: Float
    /// How many valid cells; with `mask` a quick check of the matchable share.
    var validCells: Int

    /// Builds the cylinder of `minutiae[index]`, or nil when too little of it lies on the
    /// finger or it has too few neighbours to say anything.
    init?(of index: Int, in minutiae: [Minutia], area: FingerArea) {
        typealias P = CylinderParameters
        let centre = minutiae[index]
        let cosA = cos(centre.angle), sinA = sin(centre.angle)
        let reach = P.radius + 3 * P.sigmaS
        let neighbours = minutiae.indices.filter { other in
            other != index && hypot(minutiae[other].x - centre.x, minutiae[other].y - centre.y) <= reach
        }
        guard neighbours.count >= P.minimumNeighbours else { return nil }
        // The directional factor depends only on the neighbour and the section, not on the
        // cell: compute it once per neighbour instead of once per cell.
        let directionalNorm = P.sectionSize / (P.sigmaD * (2 * Float.pi).squareRoot())
        var directional = [Float](repeating: 0, count: neighbours.count * P.angularSections)
        for (n, other) in neighbours.enumerated() {
            let relative = Self.difference(minutiae[other].angle, centre.angle)
            for k in 0..<P.angularSections {
                let sectionAngle = -Float.pi + (Float(k) + 0.5) * P.sectionSize
                let delta = Self.difference(sectionAngle, relative)
                directional[n * P.angularSections + k] = directionalNorm * exp(-delta * delta / (2 * P.sigmaD * P.sigmaD))
            }
        }
        let neighbourX = neighbours.map { minutiae[$0].x }, neighbourY = neighbours.map { minutiae[$0].y }

        var bits = [UInt64](repeating: 0, count: P.words)
        var mask = [UInt64](repeating: 0, count: P.words)
        var valid = 0
        let reachSquared = 9 * P.sigmaS * P.sigmaS
        var contributions = [Float](repeating: 0, count: P.angularSections)
        for cell in P.cellsInCircle {
            // Cell centre in image coordinates: the base is rotated with the minutia.
            let px = centre.x + cosA * cell.dx - sinA * cell.dy
            let py = centre.y + sinA * cell.dx + cosA * cell.dy
            guard area.contains(x: px, y: py) else { continue }
            valid += 1
            for k in 0..<P.angularSections { contributions[k] = 0 }
            for n in neighbours.indices {
                let dx = neighbourX[n] - px, dy = neighbourY[n] - py
                let squared = dx * dx + dy * dy
                guard squared <= reachSquared else { continue }
                let spatial = SpatialWeights.weight(squaredDistance: squared)
                for k in 0..<P.angularSections { contributions[k] += spatial * directional[n * P.angularSections + k] }
            }
            for k in 0..<P.angularSections {
                let bit = cell.index * P.angularSections + k
                mask[bit >> 6] |= 1 << UInt64(bit & 63)
                if contributions[k] >= P.threshold { bits[bit >> 6] |= 1 << UInt64(bit & 63) }
            }
        }
        guard Float(valid) >= P.minimumValidShare * Float(P.cellsInCircle.count) else { return nil }
        self.bits = bits
        self.mask = mask
        self.angle = centre.angle
        self.validCells = valid
    }

    /// How alike two cylinders are, 0–1; 0 when their minutiae point too far apart or too
    /// few cells are valid in both. `a` and `b` each point at a cylinder's bits followed by
    /// its mask, as `MatchTemplate` stores them.
    @inline(__always)
    static func similarity(_ a: UnsafePointer<UInt64>, angle angleA: Float, _ b: UnsafePointer<UInt64>, angle angleB: Float) -> Float {
        typealias P = CylinderParameters
        guard abs(difference(angleA, angleB)) <= P.maximumAngle else { return 0 }
        var common = 0, ones = 0, otherOnes = 0, differing = 0
        for word in 0..<P.words {
            let both = a[P.words + word] & b[P.words + word]
            common &+= both.nonzeroBitCount
            let x = a[word] & both, y = b[word] & both
            ones &+= x.nonzeroBitCount
            otherOnes &+= y.nonzeroBitCount
            differing &+= (x ^ y).nonzeroBitCount
        }
        guard Float(common) >= P.minimumMatchableBits, ones + otherOnes > 0 else { return 0 }
        return 1 - Float(differing).squareRoot() / (Float(ones).squareRoot() + Float(otherOnes).squareRoot())
    }

    /// The signed difference a − b folded into (−π, π].
    static func difference(_ a: Float, _ b: Float) -> Float {
        var d = a - b
        while d <= -.pi { d += 2 * .pi }
        while d > .pi { d -= 2 * .pi }
        return d
    }
}
