import EnrollCore
import Logging
import Metrics
import ServiceLifecycle

/// Queue and sync state in `/metrics`, so central IT can alert on a kiosk that has not
/// synced for days or nears its quota without logging in to it. Refreshed at start and then
/// every `period` (scrapers come every 15–60 s; a store read per scrape is not worth it).
struct QueueMetricsService: Service {
    let keeper: RecordKeeper
    let sync: SyncParts
    var period: Duration = .seconds(15)

    let depth = Gauge(label: "enrolld_queue_records")
    let bytes = Gauge(label: "enrolld_queue_bytes")
    /// Receipted records kept for the retention period: disk use outside the quota.
    let retained = Gauge(label: "enrolld_queue_retained_bytes")
    let oldest = Gauge(label: "enrolld_queue_oldest_unsynced_seconds")
    let accepting = Gauge(label: "enrolld_accepting_enrollments")
    let lastSync = Gauge(label: "enrolld_sync_last_success_timestamp_seconds")
    let backingOff = Gauge(label: "enrolld_sync_backing_off")
    /// 1 while sync waits for usable TLS files (unusable at start): nothing leaves the kiosk.
    let waitingForTLSFiles = Gauge(label: "enrolld_sync_waiting_for_tls_files")
    /// Records sent again since start to a central server restored from an older backup.
    let resent = Gauge(label: "enrolld_sync_resent_records")
    /// Records the central server lacks and this kiosk no longer holds: central IT must act.
    let centralLost = Gauge(label: "enrolld_sync_central_missing_records")
    /// Audit entries the central server does not hold yet: a trail that stays behind the
    /// records (an older receiver, a refused batch) is central IT's to look into.
    let auditUnshipped = Gauge(label: "enrolld_audit_unshipped_entries")
    /// Queue bytes over storage.max_queue_mib: alert before the refusal at 1.
    let fill = Gauge(label: "enrolld_queue_fill_ratio")
    /// The "nearly full" journal entry, once per crossing and daily while above.
    var fillJournal = QueueFillJournal(logger: Logger(label: "enrolld.queue"))

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await refresh()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: period) }
        }
    }

    /// One reading of the queue and the uploader into the gauges.
    func refresh(now: Int64 = RecordKeeper.unixMilliseconds()) async {
        let queue = await keeper.queueStatus(now: now)
        depth.record(queue.queue.depth)
        bytes.record(queue.queue.bytes)
        retained.record(queue.queue.retainedBytes)
        oldest.record(queue.queue.oldestAgeSeconds ?? 0)
        accepting.record(queue.accepting ? 1 : 0)
        let fraction = QueueFillWatch.fraction(bytes: queue.queue.bytes, maximum: queue.maximumQueueBytes)
        fill.record(fraction)
        fillJournal.observe(fraction: fraction, records: queue.queue.depth, now: now)
        let summary = await sync.summary()
        // 0 = never (Prometheus has no null); alert on `time() - this > …` with `this > 0`.
        lastSync.record(summary.lastSuccess ?? 0)
        backingOff.record(summary.state == .backingOff ? 1 : 0)
        waitingForTLSFiles.record(summary.state == .waitingForTLSFiles ? 1 : 0)
        resent.record(summary.resent ?? 0)
        let lost = summary.centralMissing.flatMap { $0.resending ? nil : $0.through - $0.from + 1 } ?? 0
        centralLost.record(Double(lost))
        auditUnshipped.record(Double(summary.audit?.unshipped ?? 0))
    }
}
