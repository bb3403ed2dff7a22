import Crypto
import EnrollCore
@testable import EnrollDaemon
import EventLog
import Foundation
import Logging
import Testing
import TestSupport

/// The "queue nearly full" journal entry from the metrics refresh, over a real store filled
/// past 80 % of a 1 MiB quota: once at the crossing, not at every refresh, again a day later.
@Suite struct QueueNearlyFullTests {
    @Test func theJournalWarnsOncePerCrossingAndDailyWhileAbove() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = DaemonConfiguration.forRecordTests()
        configuration.storage.maximumQueueMiB = 1
        let keeper = await RecordKeeper.open(directory: folder.path, configuration: configuration, logger: Logger(label: "test") { _ in KeptLog() })
        let capture = KeptLog()
        var service = QueueMetricsService(keeper: keeper, sync: SyncParts(start: nil, lastProblem: nil))
        service.fillJournal = QueueFillJournal(logger: capture.logger("queue"))
        let id = CatalogEvent.queueNearlyFull.messageID

        var generator = SeededGenerator(seed: 21)
        let start: Int64 = 1_780_000_000_000
        _ = try await keeper.commit(SyntheticRecords.payload(partBytes: 20_000, now: start, using: &generator), actor: "op-1", now: start)
        await service.refresh(now: start)
        #expect(capture.messages(withID: id).isEmpty, "a nearly empty queue is no warning")

        var fraction = 0.0
        while fraction < QueueFillWatch.threshold {
            _ = try await keeper.commit(SyntheticRecords.payload(partBytes: 40_000, now: start, using: &generator), actor: "op-1", now: start)
            let status = await keeper.queueStatus(now: start)
            fraction = QueueFillWatch.fraction(bytes: status.queue.bytes, maximum: status.maximumQueueBytes)
        }
        await service.refresh(now: start + 1_000)
        await service.refresh(now: start + 15_000)
        await service.refresh(now: start + 3_600_000)
        let warnings = capture.messages(withID: id)
        #expect(warnings.count == 1, "once per crossing: \(capture.messages)")
        #expect(warnings.first?.contains("% of their space") == true)
        let entry = try #require(capture.entries.first { $0.id == id })
        #expect(entry.level == .warning)
        #expect(entry.metadata["queue.percent"].map { "\($0)" }.flatMap(Int.init).map { $0 >= 80 } == true)

        await service.refresh(now: start + 1_000 + QueueFillWatch.repeatMilliseconds)
        #expect(capture.messages(withID: id).count == 2, "repeated a day later while still above")
    }
}
