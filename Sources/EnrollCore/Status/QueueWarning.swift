/// What staff see when records have waited too long to reach the central server: "Not sent
/// since ⟨date⟩ · N records · X % of the space". Decided here, once, for every screen.
public struct QueueWarning: Codable, Sendable, Equatable {
    /// When the oldest unsent record was committed (seconds since 1970).
    public var since: Double
    /// Records not yet receipted.
    public var records: Int
    /// Their share of `storage.max_queue_mib`, 0…1 (may pass 1 just before the refusal).
    public var fraction: Double

    public init(since: Double, records: Int, fraction: Double) {
        self.since = since
        self.records = records
        self.fraction = fraction
    }

    /// A day without upload: an outage staff should report, not a slow network.
    public static let staleAfterSeconds: Double = 86_400
    /// Uploads failing with the oldest record waiting this long: past a brief glitch
    /// (the back-off retries within minutes), worth telling staff.
    public static let failingAfterSeconds: Double = 3_600
    /// The share of the queue's space from which staff are warned even without an outage
    /// (the journal's "nearly full" mark, `QueueFillWatch.threshold`).
    public static let nearlyFullFraction = QueueFillWatch.threshold

    /// The warning for `queue` at `now` (seconds since 1970), or nil while all is well.
    /// Nothing queued is never a warning: a failing uploader then has nothing at risk.
    public static func evaluate(queue: QueueSummary, maximumQueueBytes: Int, syncFailing: Bool, now: Double) -> QueueWarning? {
        guard queue.depth > 0, let age = queue.oldestAgeSeconds, age.isFinite, age >= 0 else { return nil }
        let fraction = QueueFillWatch.fraction(bytes: queue.bytes, maximum: maximumQueueBytes)
        let stale = age > staleAfterSeconds
        let failing = syncFailing && age > failingAfterSeconds
        guard stale || failing || fraction >= nearlyFullFraction else { return nil }
        return QueueWarning(since: now - age, records: queue.depth, fraction: fraction)
    }

    enum CodingKeys: String, CodingKey { case since, records, fraction }
}
