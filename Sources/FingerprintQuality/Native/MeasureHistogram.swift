/// The ten-bin histogram NFIQ 2 summarises a block measure with: counts of blocks per bin
/// (bin k holds values from edge k-1 up to, not including, edge k; the last bin is open),
/// then the mean and population deviation of all values. Named `<prefix>0` … `<prefix>9`,
/// `<prefix>Mean`, `<prefix>StdDev`.
enum MeasureHistogram {
    static func features(prefix: String, edges: [Double], values: [Double]) -> [String: Double] {
        precondition(edges.count == 9 && zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 }, "nine rising bin edges")
        var counts = [Int](repeating: 0, count: edges.count + 1)
        for value in values {
            // NaN lands in the last bin, as an infinite value does.
            let bin = value.isNaN ? edges.count : (edges.firstIndex(where: { value < $0 }) ?? edges.count)
            counts[bin] += 1
        }
        var out = [String: Double]()
        for (bin, count) in counts.enumerated() { out["\(prefix)\(bin)"] = Double(count) }
        let summary = MeasureStatistics.meanAndDeviation(values)
        out["\(prefix)Mean"] = summary.mean
        out["\(prefix)StdDev"] = summary.deviation
        return out
    }
}
