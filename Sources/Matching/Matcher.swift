import Foundation

/// Compares two templates: the local similarity of every pair of cylinders, then a
/// relaxation that keeps only pairs whose relative positions agree (LSS-R in the MCC
/// paper), so that locally alike but globally inconsistent pairs (the source of most
/// false matches) lose weight. Scores are 0–100; higher is more alike.
public struct Matcher: Sendable {
    public init() {}

    /// The 1:1 score.
    public func score(_ probe: MatchTemplate, _ candidate: MatchTemplate) -> Double {
        let nA = probe.count, nB = candidate.count
        guard nA > 0, nB > 0 else { return 0 }
        var similarities = [Float](repeating: 0, count: nA * nB)
        let stride = 2 * CylinderParameters.words
        probe.words.withUnsafeBufferPointer { pw in
            candidate.words.withUnsafeBufferPointer { cw in
                for a in 0..<nA {
                    let angleA = probe.angles[a]
                    for b in 0..<nB {
                        similarities[a * nB + b] = Cylinder.similarity(
                            pw.baseAddress! + a * stride, angle: angleA, cw.baseAddress! + b * stride, angle: candidate.angles[b])
                    }
                }
            }
        }
        let pairCount = Self.pairsToConsider(nA, nB)
        let relaxedCount = min(nA, nB)
        let top = Self.topPairs(similarities, columns: nB, count: relaxedCount)
        guard !top.isEmpty else { return 0 }
        let relaxed = relax(top, probe: probe.minutiae, candidate: candidate.minutiae)
        // The pairs whose support grew most under relaxation are the most trustworthy.
        let chosen = relaxed.indices.sorted { relaxed[$0].efficiency > relaxed[$1].efficiency }.prefix(pairCount)
        let total = chosen.reduce(Float(0)) { $0 + relaxed[$1].value }
        return Double(total / Float(pairCount)) * 100
    }

    /// The number of pairs averaged, growing with the smaller template (MCC's n_P).
    static func pairsToConsider(_ nA: Int, _ nB: Int) -> Int {
        let smaller = Float(min(nA, nB))
        let weight = 1 / (1 + exp(-0.4 * (smaller - 20)))
        return min(min(nA, nB), max(1, 4 + Int((weight * 8).rounded())))
    }

    /// The `count` best pairs, each minutia used at most once on either side.
    static func topPairs(_ similarities: [Float], columns: Int, count: Int) -> [(a: Int, b: Int, value: Float)] {
        var candidates: [(value: Float, index: Int32)] = []
        candidates.reserveCapacity(similarities.count / 2)
        for (index, value) in similarities.enumerated() where value > 0 { candidates.append((value, Int32(index))) }
        candidates.sort { $0.value > $1.value }
        let rows = similarities.count / max(columns, 1)
        var usedA = [Bool](repeating: false, count: rows), usedB = [Bool](repeating: false, count: columns)
        var pairs: [(a: Int, b: Int, value: Float)] = []
        for candidate in candidates {
            let a = Int(candidate.index) / columns, b = Int(candidate.index) % columns
            guard !usedA[a], !usedB[b] else { continue }
            usedA[a] = true
            usedB[b] = true
            pairs.append((a, b, candidate.value))
            if pairs.count == count { break }
        }
        return pairs
    }

    /// Five rounds in which each pair's value is pulled toward the support it gets from
    /// pairs geometrically compatible with it.
    func relax(_ pairs: [(a: Int, b: Int, value: Float)], probe: [Minutia], candidate: [Minutia]) -> [(value: Float, efficiency: Float)] {
        let n = pairs.count
        guard n > 1 else { return pairs.map { ($0.value, 1) } }
        var compatibility = [Float](repeating: 0, count: n * n)
        for i in 0..<n {
            for k in (i + 1)..<n {
                let rho = Self.compatibility(probe[pairs[i].a], probe[pairs[k].a], candidate[pairs[i].b], candidate[pairs[k].b])
                compatibility[i * n + k] = rho
                compatibility[k * n + i] = rho
            }
        }
        var values = pairs.map(\.value)
        let weight: Float = 0.5
        for _ in 0..<5 {
            var next = values
            for i in 0..<n {
                var support: Float = 0
                for k in 0..<n where k != i { support += compatibility[i * n + k] * values[k] }
                next[i] = weight * values[i] + (1 - weight) * support / Float(n - 1)
            }
            values = next
        }
        return (0..<n).map { (values[$0], pairs[$0].value > 0 ? values[$0] / pairs[$0].value : 0) }
    }

    /// How well two pairs agree: the distance between the two probe minutiae matches the
    /// distance between the two candidate minutiae, and so do their relative directions.
    static func compatibility(_ a1: Minutia, _ a2: Minutia, _ b1: Minutia, _ b2: Minutia) -> Float {
        let distanceA = hypot(a2.x - a1.x, a2.y - a1.y), distanceB = hypot(b2.x - b1.x, b2.y - b1.y)
        let d1 = abs(distanceA - distanceB)
        let d2 = abs(Cylinder.difference(Cylinder.difference(a1.angle, a2.angle), Cylinder.difference(b1.angle, b2.angle)))
        let betaA = Cylinder.difference(a1.angle, atan2(a2.y - a1.y, a2.x - a1.x))
        let betaB = Cylinder.difference(b1.angle, atan2(b2.y - b1.y, b2.x - b1.x))
        let d3 = abs(Cylinder.difference(betaA, betaB))
        return sigmoid(d1, 5, -8.0 / 5) * sigmoid(d2, .pi / 12, -30) * sigmoid(d3, .pi / 12, -30)
    }

    private static func sigmoid(_ value: Float, _ mu: Float, _ tau: Float) -> Float {
        1 / (1 + exp(-tau * (value - mu)))
    }
}
