/// The first-stage summary of a template: its most complete cylinders, each pooled from
/// 16×16 cells × 6 sections down to 4×4 cells × 3 sections (48 bits), at most 16 of them
/// in 128 bytes. Local structure is what tells fingers apart, and pooled, it survives the
/// small shifts between impressions; comparing two summaries is 256 XOR + POPCNT.
public struct CompactCylinders: Sendable {
    static let capacity = 16
    /// Pooled codes; unused slots hold `empty`.
    let codes: (SIMD16<UInt64>)
    static let empty: UInt64 = .max

    public init(_ template: MatchTemplate) {
        typealias P = CylinderParameters
        let stride = 2 * P.words
        // The most complete cylinders first: they lie inside the finger, where the next
        // impression will most likely see them too.
        let order = template.validCells.indices.sorted { template.validCells[$0] > template.validCells[$1] }.prefix(Self.capacity)
        var codes = SIMD16<UInt64>(repeating: Self.empty)
        for (slot, cylinder) in order.enumerated() {
            var counts = [UInt8](repeating: 0, count: 48)
            for cell in 0..<(P.spatialCells * P.spatialCells) {
                let coarse = (cell / P.spatialCells / 4) * 4 + (cell % P.spatialCells) / 4
                for k in 0..<P.angularSections {
                    let bit = cell * P.angularSections + k
                    if template.words[cylinder * stride + (bit >> 6)] & (1 << UInt64(bit & 63)) != 0 {
                        counts[coarse * 3 + k / 2] += 1
                    }
                }
            }
            var code: UInt64 = 0
            for (index, count) in counts.enumerated() where count >= 3 { code |= 1 << UInt64(index) }
            codes[slot] = code
        }
        self.codes = codes
    }

    /// Higher is more alike: for each of our codes, how close the nearest of theirs is.
    @inline(__always)
    public func overlap(_ other: CompactCylinders) -> Int {
        var total = 0
        for i in 0..<Self.capacity where codes[i] != Self.empty {
            var best = 64
            for j in 0..<Self.capacity where other.codes[j] != Self.empty {
                best = min(best, (codes[i] ^ other.codes[j]).nonzeroBitCount)
            }
            total += max(0, 12 - best)
        }
        return total
    }
}
