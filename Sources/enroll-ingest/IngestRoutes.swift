import EnrollCore
import Foundation
import HTTPTypes
import Hummingbird
import Ingest
import Logging
import NIOCore

/// The receiver's endpoints (records, a device's head, audit batches in
/// `IngestRoutes+Audit.swift`). Every refusal of the client's input is a 4xx with a JSON
/// body `{"error": code, "message": text}`; only the server's own trouble is a 5xx (503 with
/// Retry-After, so kiosks keep their records and try again). Every refusal is also logged
/// for the central operator: which kiosk, which sequence, why — never a record's content.
struct IngestRoutes: Sendable {
    let ingestor: RecordIngestor
    let maximumBodyBytes: Int
    let faults: FaultPlan
    let logger: Logger

    func router() -> Router<IngestContext> {
        let router = Router(context: IngestContext.self)
        router.post("/v1/records") { request, context in try await records(request, context) }
        router.get("/v1/devices/:id/head") { _, context in try await head(context) }
        router.post("/v1/audit") { request, context in try await audit(request, context) }
        return router
    }

    func records(_ request: Request, _ context: IngestContext) async throws -> Response {
        let fault = faults.before()
        if fault == .unavailable {
            return Self.error(.serviceUnavailable, IngestError(status: 503, code: "unavailable", message: "injected fault"), headers: [.retryAfter: "1"])
        }
        if fault == .stall { try await Task.sleep(for: faults.stallDuration) }
        let device: RegisteredDevices.Device
        switch await authenticate(context) {
        case .success(let found): device = found
        case .failure(let refusal): return refusal.response
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
            logger.notice("refused a batch", metadata: Self.describe(device).merging(["error": "\(error.code)", "reason": "\(error.message)"]) { $1 })
            return Self.error(HTTPResponse.Status(code: error.status), error)
        } catch {
            logger.error("could not store a batch", metadata: Self.describe(device).merging(["error": "\(error)"]) { $1 })
            return Self.error(.serviceUnavailable, IngestError(status: 503, code: "unavailable", message: "the receiver cannot store records now; try again later"),
                              headers: [.retryAfter: "30"])
        }
        for result in reply.results where result.status == .rejected {
            var metadata = Self.describe(device)
            metadata["sequence"] = "\(result.sequence)"
            metadata["error"] = "\(result.error ?? "")"
            if let expected = result.expectedSequence { metadata["expected_sequence"] = "\(expected)" }
            // A gap holds up every later record of the kiosk until central IT acts: say which
            // records are missing and where to look, not only the refusal's code.
            if result.error == "gap", let expected = result.expectedSequence, result.sequence > expected {
                logger.warning("rejected a record: records \(expected)…\(result.sequence - 1) of this kiosk are missing; see `enroll-ingest accept-gap`",
                               metadata: metadata)
                continue
            }
            logger.warning("rejected a record", metadata: metadata)
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
        switch await authenticate(context) {
        case .success(let found): device = found
        case .failure(let refusal): return refusal.response
        }
        guard let text = context.parameters.get("id"), let id = Hex.decode(text), id.count == 16 else {
            return Self.error(.badRequest, .malformed("device id must be 32 hex digits"))
        }
        guard id == device.deviceID else { return Self.error(.forbidden, .forbidden("a device may read only its own head")) }
        let head = try await ingestor.storage.head(device: id)
        return Self.json(.ok, HeadReply(deviceID: Hex.encode(id), sequence: head.sequence, hash: Hex.encode(head.hash)))
    }

    /// The registered device of the connection's client certificate, or the answer that
    /// refuses it (403; 503 while the registrations cannot be read), logged.
    func authenticate(_ context: IngestContext) async -> Result<RegisteredDevices.Device, Refusal> {
        let clientKeyHash = await context.clientKeyHash()
        do {
            return .success(try ingestor.authenticate(clientKeyHash: clientKeyHash))
        } catch {
            if error.status == 503 {
                logger.error("refusing every kiosk: the device registrations cannot be read", metadata: ["reason": "\(error.detail ?? error.message)"])
                return .failure(Refusal(Self.error(.serviceUnavailable, error, headers: [.retryAfter: "60"])))
            }
            logger.notice("refused a client", metadata: ["reason": "\(error.message)",
                                                         "client_key_sha256": "\(clientKeyHash.map(Hex.encode) ?? "none")"])
            return .failure(Refusal(Self.error(.forbidden, error)))
        }
    }

    /// An answer that ends a request early.
    struct Refusal: Error {
        let response: Response
        init(_ response: Response) { self.response = response }
    }

    /// A kiosk as the log names it: its label and device id, nothing about any person.
    static func describe(_ device: RegisteredDevices.Device) -> Logger.Metadata {
        ["device": "\(device.label.isEmpty ? "-" : device.label)", "device_id": "\(Hex.encode(device.deviceID))"]
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
