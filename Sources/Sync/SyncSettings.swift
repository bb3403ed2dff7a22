import EnrollCore

/// How the uploader reaches the central server and paces itself (the `central:` section).
public struct SyncSettings: Sendable {
    /// e.g. https://ingest.example:8443 (the uploader posts to `<url>/v1/records`).
    public var url: String
    /// CA that signed the server's certificate (PEM).
    public var caFile: String
    /// The kiosk's TLS client certificate and key (PEM).
    public var clientCertificate: String
    public var clientKey: String
    /// Most records per batch.
    public var batchRecords: Int = 50
    /// Most envelope bytes per batch (a single larger record still goes alone).
    public var batchBytes: Int = 8 << 20
    public var connectTimeoutMilliseconds: Int64 = 10_000
    /// Time-out for the whole request once connected (the receiver fsyncs the batch).
    public var readTimeoutMilliseconds: Int64 = 60_000
    public var backoff = BackoffPolicy()
    /// How often an idle uploader looks at the outbox without being woken.
    public var idlePollMilliseconds: Int64 = 5_000
    /// This kiosk's device id (32 hex digits), for asking the server for its chain head at
    /// start; nil skips that question (the batch answers still carry the head).
    public var deviceID: String?
    /// How often an idle uploader asks the server for its chain head again (with `deviceID`):
    /// it finds a central server restored from an older backup while nothing is pending, and
    /// its answer is what lets receipted records be purged (`PurgeRule`).
    public var headCheckMilliseconds: Int64 = 900_000
    /// Most audit entries per batch to `/v1/audit` (the receiver takes at most
    /// `AuditBatch.maximumEntries`).
    public var auditBatchEntries: Int = 200
    /// Most audit batches in one pass; the rest follow at the next idle moment.
    public var auditRoundsPerPass: Int = 50
    /// How long a receiver without the audit endpoint (404) is left alone before the audit
    /// log is offered again.
    public var auditRetryMilliseconds: Int64 = 3_600_000

    public init(url: String, caFile: String, clientCertificate: String, clientKey: String) {
        self.url = url
        self.caFile = caFile
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
    }
}
