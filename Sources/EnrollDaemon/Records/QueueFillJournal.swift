import EnrollCore
import EventLog
import Logging
import Synchronization

/// Journals "the queue is nearly full" as `QueueFillWatch` decides: once when the queue
/// passes 80 % of storage.max_queue_mib, daily while it stays above. A class because the
/// watch's memory must outlive each refresh of the (copyable) metrics service.
final class QueueFillJournal: Sendable {
    let logger: Logger
    private let watch = Mutex(QueueFillWatch())

    init(logger: Logger) { self.logger = logger }

    /// One reading (share of the space, records queued, Unix ms).
    func observe(fraction: Double, records: Int, now: Int64) {
        guard watch.withLock({ $0.observe(fraction: fraction, now: now) }) else { return }
        let percent = Int((fraction * 100).rounded(.down))
        logger.log(.queueNearlyFull, "Records waiting for upload use \(percent) % of their space (storage.max_queue_mib); enrollments stop at 100 %",
                   metadata: ["queue.percent": "\(percent)", "queue.records": "\(records)"])
    }
}
