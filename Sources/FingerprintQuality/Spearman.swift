/// Spearman's rank correlation, ties given their average rank (as scipy's `spearmanr`
/// does): how the quality scores are judged against NIST NFIQ 2, by the evaluation tool
/// and by the tests alike.
public enum Spearman {
    /// 1-based ranks of `values`; equal values share the average of the ranks they span.
    public static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = Double(start + end) / 2 + 1
            for k in start...end { ranks[order[k]] = rank }
            start = end + 1
        }
        return ranks
    }

    /// Spearman's rho of two equally long series: the Pearson correlation of their ranks.
    /// 0 when either series is constant (or empty), where the correlation is undefined.
    public static func rho(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "Spearman's rho needs series of one length, not \(a.count) and \(b.count)")
        guard !a.isEmpty else { return 0 }
        let (x, y) = (ranks(a), ranks(b))
        let n = Double(x.count)
        let (mx, my) = (x.reduce(0, +) / n, y.reduce(0, +) / n)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (u, v) in zip(x, y) {
            sxy += (u - mx) * (v - my); sxx += (u - mx) * (u - mx); syy += (v - my) * (v - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }
}
