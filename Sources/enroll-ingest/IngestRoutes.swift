import EnrollCore
import Foundation
import HTTPTypes
import Hummingbird
import Ingest
import Logging
import NIOCore

/// The receiver's two endpoints. Every refusal of the client's input is a 4xx with a JSON
/// body `{"error": code, "message": text}`; only the server's own trouble is a 5xx.
struct IngestRoutes: Sendable {
    let ingestor: RecordIngestor
    let maximumBodyBytes: Int
    let faults: FaultPlan

    func router() -> Router<IngestContext> {
        let router = Router(context: IngestContext.self)
        router.post("/v1/records") { request, context in try await records(request, context) }
        router.get("/v1/devices/:id/head") { _, context in try await head(context) }
        return router
    }

    func records(_ request: Request, _ context: IngestContext) async throws -> Response {
        let fault = faults.before()
        if fault == .unavailable {
            return Self.error(.serviceUnavailable, IngestError(status: 503, code: "unavailable", message: "injected fault"), headers: [.retryAfter: "1"])
        }
        if fault == .stall { try await Task.sleep(for: faults.stallDuration) }
        let device: RegisteredDevices.Device
        do { device = try ingestor.authenticate(clientKeyHash: await context.clientKeyHash()) } catch {
            return Self.error(.forbidden, error)
        }
        guard request.headers[.contentType]?.lowercased().hasPrefix(RecordBatch.mediaType) == true else {
            return Self.error(.unsupportedMediaType, IngestError(status: 415, code: "unsupported_media_type", message: "send \(RecordBatch.mediaType)"))
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maximumBodyBytes {
            return Self.error(.contentTooLarge, IngestError(status: 413, code: "too_large", message: "at most \(maximumBodyBytes) bytes per batch"))
        }
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: maximumBodyBytes) } catch let error as HTTPError where error.status == .contentTooLarge {
            return Self.error(.contentTooLarge, IngestError(status: 413, code: "too_large", message: "at most \(maximumBodyBytes) bytes per batch"))
        }
        let reply: IngestReply
        do {
            reply = try await ingestor.ingest(body: Array(buffer.readableBytesView), from: device, now: Self.now())
        } catch let error as IngestError {
            return Self.error(HTTPResponse.Status(code: error.status), error)
        }
        if faults.afterCommit() {
            // Committed, receipts signed, and the client never hears of it: its retry must
            // come back as "duplicate".
            try? await context.channel.close()
        }
        return Self.json(.ok, reply)
    }

    func head(_ context: IngestContext) async throws -> Response {
        let device: RegisteredDevices.Device
        do { device = try ingestor.authenticate(clientKeyHash: await context.clientKeyHash()) } catch {
            return Self.error(.forbidden, error)
        }
        guard let text = context.parameters.get("id"), let id = Hex.decode(text), id.count == 16 else {
            return Self.error(.badRequest, .malformed("device id must be 32 hex digits"))
        }
        guard id == device.deviceID else { return Self.error(.forbidden, .forbidden("a device may read only its own head")) }
        let head = try await ingestor.storage.head(device: id)
        return Self.json(.ok, HeadReply(deviceID: Hex.encode(id), sequence: head.sequence, hash: Hex.encode(head.hash)))
    }

    struct HeadReply: Encodable {
        let deviceID: String
        let sequence: UInt64
        let hash: String
        enum CodingKeys: String, CodingKey { case deviceID = "device_id", sequence, hash }
    }

    struct ErrorReply: Encodable {
        let error: String
        let message: String
    }

    static func error(_ status: HTTPResponse.Status, _ error: IngestError, headers: HTTPFields = [:]) -> Response {
        var response = json(status, ErrorReply(error: error.code, message: error.message))
        response.headers.append(contentsOf: headers)
        return response
    }

    static func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        let data = (try? JSONEncoder().encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
