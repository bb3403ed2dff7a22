/// One HTTP exchange with the receiver, as the uploader needs it.
public struct IngestResponse: Sendable {
    public var status: Int
    public var retryAfter: String?
    public var body: [UInt8]

    public init(status: Int, retryAfter: String?, body: [UInt8]) {
        self.status = status
        self.retryAfter = retryAfter
        self.body = body
    }
}

/// Posts a framed batch to `/v1/records`. Throws for transport failures (refused, TLS,
/// time-out, connection dropped); any HTTP answer is returned.
public protocol IngestTransport: Sendable {
    func post(batch: [UInt8]) async throws -> IngestResponse
    /// `GET /v1/devices/{id}/head` for this kiosk's device id (32 hex digits).
    func head(deviceID: String) async throws -> IngestResponse
    /// Posts an audit batch (`AuditBatch`) to `/v1/audit`.
    func postAudit(batch: [UInt8]) async throws -> IngestResponse
    func shutdown() async
    /// The kiosk's certificates' validity, to tell a wrong clock from a wrong CA; nil when
    /// the transport has none (a fake in tests).
    var certificateWindow: CertificateWindow? { get }
}

extension IngestTransport {
    public var certificateWindow: CertificateWindow? { nil }
}
