import EnrollCore
import EventLog
import Foundation
import Logging
import Synchronization
import Trust

extension Uploader {
    enum Outcome: Equatable {
        case idle
        case delivered(Int)
        case failed(String, retryAfter: Int64?, event: CatalogEvent)

        static func failure(_ problem: SyncProblem, retryAfter: Int64? = nil) -> Outcome {
            .failed(problem.text, retryAfter: retryAfter, event: problem.event)
        }
        /// The server holds a longer chain than the outbox.
        case olderDatabase(OlderDatabase)
        /// The server lacks records it once receipted (restored from an older backup).
        case centralGap(CentralGap)
    }

    /// One batch: read the oldest pending records, post them, verify and store each
    /// receipt in order. Stops at the first record without a good receipt, so delivery
    /// stays a prefix of the chain.
    func attempt() async -> Outcome {
        let pending: [(sequence: UInt64, envelope: [UInt8])]
        do { pending = try await queue.pendingUpload(limit: settings.batchRecords) } catch {
            return .failed("outbox: \(error)", retryAfter: nil, event: .syncFailing)
        }
        if pending.isEmpty { return .idle }
        let count = BatchPlan.prefixLength(sizes: pending.map(\.envelope.count), maximumCount: settings.batchRecords, maximumBytes: settings.batchBytes)
        let batch = Array(pending.prefix(count))
        status.withLock { $0.state = .uploading; $0.nextAttempt = nil }

        let response: IngestResponse
        do { response = try await transport.post(batch: RecordBatch.encode(batch.map(\.envelope))) } catch {
            return .failure(transportProblem(error))
        }
        guard response.status == 200 else {
            let detail = (try? JSONDecoder().decode(ServerError.self, from: Data(response.body)))?.error
            return .failure(.http(status: response.status, detail: detail), retryAfter: BackoffPolicy.retryAfterMilliseconds(response.retryAfter))
        }
        let reply: IngestReply
        do { reply = try JSONDecoder().decode(IngestReply.self, from: Data(response.body)) } catch {
            return .failed("unreadable answer from the server", retryAfter: nil, event: .syncFailing)
        }
        // The answer's usable prefix: in order, not rejected, with a receipt.
        var receipts: [[UInt8]] = []
        var problem: String?
        for (record, result) in zip(batch, reply.results) {
            guard result.sequence == record.sequence else { problem = "answer out of order at sequence \(record.sequence)"; break }
            guard result.status != .rejected else {
                problem = "server rejected sequence \(record.sequence): \(result.error ?? "?")"
                    + (result.expectedSequence.map { ", it expects \($0)" } ?? "")
                break
            }
            guard let text = result.receipt, let receipt = Data(base64Encoded: text) else { problem = "no receipt for sequence \(record.sequence)"; break }
            receipts.append(Array(receipt))
        }
        // Verified and stored in one transaction, up to the first refused receipt, whose
        // reason then replaces any later problem of the answer.
        var delivered = 0
        if !receipts.isEmpty {
            do {
                let now = wallClock()
                let stored = try await queue.acceptReceipts(receipts, verifier: verifier, now: now)
                delivered = min(max(stored.accepted, 0), receipts.count)
                if delivered > 0 { noteClock(receipts[delivered - 1], now: now) }
                if let failure = stored.failure {
                    // The store's text ("rejected: invalid receipt …") reads as if the server
                    // had refused: say whose key or whose record is wrong instead.
                    let index = min(delivered, receipts.count - 1)
                    logger.debug("receipt refused", metadata: ["sync.sequence": "\(batch[index].sequence)", LogKey.error: "\(failure)"])
                    problem = SyncProblem.receiptRefused(sequence: batch[index].sequence, signedByConfiguredKey: verifier.isSigned(receipts[index])).text
                }
            } catch {
                problem = "receipts for sequences \(batch[0].sequence)–\(batch[receipts.count - 1].sequence) not stored: \(error)"
            }
        }
        if problem == nil, reply.results.count < batch.count { problem = "answer covers \(reply.results.count) of \(batch.count) records" }
        if delivered > 0 {
            let now = timer.now()
            status.withLock { $0.lastSuccess = now; $0.delivered += delivered; if problem == nil { $0.lastError = nil; $0.failures = 0 } }
        }
        // Read after the answer: records committed meanwhile only raise the local head.
        if let local = try? await queue.chainHead() {
            if let finding = OlderDatabase.check(reply: reply, localHead: local) { return .olderDatabase(finding) }
            await confirmCentralHead(reply.headSequence)
            if delivered == 0, let gap = await centralGap(in: reply, firstPending: batch[0].sequence, localHead: local) {
                return .centralGap(gap)
            }
        }
        if let problem { return .failed(problem, retryAfter: nil, event: .receiptRejected) }
        return .delivered(delivered)
    }

    /// A transport failure in plain words; the library's own text at debug level only.
    func transportProblem(_ error: any Error) -> SyncProblem {
        logger.debug("exchange with the central server failed", metadata: [LogKey.error: "\(error)"])
        return .transport(error, server: settings.url, clock: transport.certificateWindow.map { ($0, wallClock()) })
    }

    struct ServerError: Decodable {
        let error: String
    }
}
