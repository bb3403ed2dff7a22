/// The uploader's state at a glance.
public struct SyncSummary: Codable, Sendable, Equatable {
    /// What the uploader is doing.
    public enum State: String, Codable, Sendable {
        /// No central server is configured: records stay queued.
        case notConfigured = "not_configured"
        case idle, uploading
        case backingOff = "backing_off"
        /// Sync is configured, but a TLS file (`central.ca_file`, `client_certificate`,
        /// `client_key`) was unusable at start: it starts once usable files are in place.
        case waitingForTLSFiles = "waiting_for_tls_files"
    }

    public var state: State
    /// When a batch last reached the server (seconds since 1970), nil if never.
    public var lastSuccess: Double?
    /// The last failure's description, nil after a success.
    public var lastError: String?
    /// Records committed and not yet receipted, when the uploader knows.
    public var backlog: Int?
    /// When the next attempt is due while backing off (seconds since 1970).
    public var nextAttempt: Double?
    /// The central server's URL, nil when not configured.
    public var server: String?
    /// Records receipted since the daemon started.
    public var delivered: Int?
    /// How far the central server's clock was ahead of the kiosk's (negative: behind), in
    /// seconds, by the last fresh receipt, when more than the five minutes tolerated; nil
    /// when the clocks agreed.
    public var clockSkew: Double?
    /// When the kiosk's TLS client certificate expires (seconds since 1970), when sync is
    /// configured with a readable one.
    public var certificateExpires: Double?
    /// Why the TLS files now in place were not loaded (configuration key, file, reason),
    /// while they stay so; uploads go on with the files loaded before.
    public var tlsFilesRefused: String?
    /// While sync waits for usable TLS files: the one that cannot be used (configuration
    /// key, file, reason). Absent once sync runs.
    public var tlsFilesAwaited: String?
    /// Records sent again since the daemon started because the central server had lost them.
    public var resent: Int?
    /// What the central server lacks of this kiosk's chain, while that lasts.
    public var centralMissing: CentralMissing?
    /// How far the audit log has reached the server, when the outbox can say.
    public var audit: AuditShippingSummary?

    public init(state: State, lastSuccess: Double? = nil, lastError: String? = nil) {
        self.state = state
        self.lastSuccess = lastSuccess
        self.lastError = lastError
    }

    enum CodingKeys: String, CodingKey {
        case state
        case lastSuccess = "last_success"
        case lastError = "last_error"
        case backlog
        case nextAttempt = "next_attempt"
        case server
        case delivered
        case clockSkew = "clock_skew"
        case certificateExpires = "certificate_expires"
        case tlsFilesRefused = "tls_files_refused"
        case tlsFilesAwaited = "tls_files_awaited"
        case resent
        case centralMissing = "central_missing"
        case audit
    }
}
