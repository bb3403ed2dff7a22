import EnrollCore
import Foundation
import Synchronization
import Sync

/// A central server that only ever hears the idle kiosk's chain-head question: answers it
/// (head 0, like a receiver that holds nothing of this kiosk yet) and notes the uploader's
/// time of each question. The real enroll-ingest could answer too, but the test needs the
/// virtual time of each question, which only the uploader's timer knows.
final class FakeHeadTransport: IngestTransport {
    let timer: any SyncTimer
    private let state = Mutex<(asked: [Int64], posts: Int)>(([], 0))

    init(timer: any SyncTimer) { self.timer = timer }

    /// The timer's time of each head question, in order.
    var asked: [Int64] { state.withLock { $0.asked } }
    var posts: Int { state.withLock { $0.posts } }

    func post(batch: [UInt8]) async throws -> IngestResponse {
        state.withLock { $0.posts += 1 }
        return IngestResponse(status: 503, retryAfter: nil, body: [])
    }

    func head(deviceID: String) async throws -> IngestResponse {
        let now = timer.now()
        state.withLock { $0.asked.append(now) }
        let reply = DeviceHeadReply(deviceID: deviceID, sequence: 0, hash: String(repeating: "0", count: 64))
        return IngestResponse(status: 200, retryAfter: nil, body: Array(try JSONEncoder().encode(reply)))
    }

    /// Answers as a receiver from before the audit endpoint: 404.
    func postAudit(batch: [UInt8]) async throws -> IngestResponse { IngestResponse(status: 404, retryAfter: nil, body: []) }

    func shutdown() async {}
}
