import EnrollCore
import Hummingbird
import HTTPTypes
import Ingest
import Logging
import NIOCore

extension IngestRoutes {
    /// `POST /v1/audit`: a kiosk's audit entries, answered with the head now held
    /// (docs/ingest-api.yaml). The kiosk is the one its client certificate is registered
    /// to, exactly as for records; a refusal stores nothing and is logged with the kiosk's
    /// label and the seq, never an entry's actor.
    func audit(_ request: Request, _ context: IngestContext) async throws -> Response {
        let device: RegisteredDevices.Device
        switch await authenticate(context) {
        case .success(let found): device = found
        case .failure(let refusal): return refusal.response
        }
        guard request.headers[.contentType]?.lowercased().hasPrefix(AuditBatch.mediaType) == true else {
            return Self.error(.unsupportedMediaType, IngestError(status: 415, code: "unsupported_media_type", message: "send \(AuditBatch.mediaType)"))
        }
        let tooLarge = IngestError(status: 413, code: "too_large", message: "at most \(AuditBatch.maximumBytes) bytes per audit batch")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > AuditBatch.maximumBytes {
            return Self.error(.contentTooLarge, tooLarge)
        }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: AuditBatch.maximumBytes) } catch let error as HTTPError where error.status == .contentTooLarge {
            return Self.error(.contentTooLarge, tooLarge)
        }
        do {
            let head = try await AuditIngestor(storage: ingestor.storage).ingest(body: Array(buffer.readableBytesView), device: device.deviceID, now: Self.now())
            return Self.json(.ok, AuditHeadReply(head))
        } catch let refusal as AuditRefusal {
            logger.notice("refused an audit batch", metadata: Self.describe(device).merging(["error": "\(refusal.error.code)", "reason": "\(refusal.error.message)"]) { $1 })
            guard let head = refusal.head else { return Self.error(HTTPResponse.Status(code: refusal.error.status), refusal.error) }
            return Self.json(HTTPResponse.Status(code: refusal.error.status),
                             AuditConflictReply(error: refusal.error.code, message: refusal.error.message, seq: head.seq, hash: Hex.encode(head.hash)))
        } catch {
            logger.error("could not store an audit batch", metadata: Self.describe(device).merging(["error": "\(error)"]) { $1 })
            return Self.error(.serviceUnavailable, IngestError(status: 503, code: "unavailable", message: "the receiver cannot store audit entries now; try again later"),
                              headers: [.retryAfter: "30"])
        }
    }

    /// A 409: the error and the head the receiver holds, from which the kiosk resumes.
    struct AuditConflictReply: Encodable {
        let error: String
        let message: String
        let seq: Int64
        let hash: String
    }
}
