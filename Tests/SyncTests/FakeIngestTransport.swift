import EnrollCore
import Foundation
import Synchronization
import Sync

/// A hostile or broken central server, which the real enroll-ingest cannot be made into:
/// answers every batch by refusing its first record as a `gap` with whatever expected
/// sequence and head `answer` makes of the first sequence sent. Counts the posts.
final class FakeIngestTransport: IngestTransport {
    let answer: @Sendable (_ firstSent: UInt64) -> (expected: UInt64, head: UInt64)
    private let sent = Mutex<[UInt64]>([])

    init(answer: @escaping @Sendable (_ firstSent: UInt64) -> (expected: UInt64, head: UInt64)) { self.answer = answer }

    /// The first sequence of each batch posted.
    var firstSequences: [UInt64] { sent.withLock { $0 } }

    func post(batch: [UInt8]) async throws -> IngestResponse {
        let envelopes = try RecordBatch.decode(batch)
        let records = try envelopes.map { try RecordEnvelope(decoding: $0) }
        let first = records[0].sequence
        sent.withLock { $0.append(first) }
        let (expected, head) = answer(first)
        let results = records.map {
            IngestReply.Result(recordID: $0.recordID.description, sequence: $0.sequence, status: .rejected, error: "gap", expectedSequence: expected)
        }
        let body = try JSONEncoder().encode(IngestReply(results: results, headSequence: head, headHash: String(repeating: "0", count: 64)))
        return IngestResponse(status: 200, retryAfter: nil, body: Array(body))
    }

    func head(deviceID: String) async throws -> IngestResponse { IngestResponse(status: 404, retryAfter: nil, body: []) }

    /// Answers as a receiver from before the audit endpoint: 404.
    func postAudit(batch: [UInt8]) async throws -> IngestResponse { IngestResponse(status: 404, retryAfter: nil, body: []) }

    func shutdown() async {}
}
