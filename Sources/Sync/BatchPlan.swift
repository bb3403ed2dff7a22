/// Which of the pending records (in sequence order) go into the next batch: a prefix,
/// bounded by count and bytes, never empty while something is pending. A prefix keeps
/// upload strictly in sequence order.
public enum BatchPlan {
    public static func prefixLength(sizes: [Int], maximumCount: Int, maximumBytes: Int) -> Int {
        var bytes = 0
        var count = 0
        for size in sizes.prefix(max(1, maximumCount)) {
            if count > 0, bytes + size > maximumBytes { break }
            bytes += size
            count += 1
        }
        return count
    }
}
