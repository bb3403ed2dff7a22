/// How far this kiosk's audit log (logins, consents, exports…) has reached the central
/// server. Shipped after the records, so an audit log behind the records is normal for a
/// few seconds; one that stays behind is what central IT asks the technician about.
public struct AuditShippingSummary: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable {
        /// The server holds every entry the kiosk has.
        case caughtUp = "caught_up"
        /// Entries wait for the next idle moment (after the records).
        case pending
        /// The server has no audit endpoint (an older enroll-ingest): offered again later.
        case notOffered = "not_offered"
        /// The last shipping pass failed; retried later, records still sync.
        case failing
    }

    public var state: State
    /// The last entry the server acknowledged holding (0: none yet).
    public var acknowledged: Int64
    /// When it acknowledged it (seconds since 1970, kiosk clock), nil before the first.
    public var acknowledgedAt: Double?
    /// Entries the server does not hold yet.
    public var unshipped: Int64
    /// Why shipping is paused, when it is.
    public var problem: String?
    /// When the audit log is offered again while paused (seconds since 1970).
    public var nextAttempt: Double?

    public init(state: State, acknowledged: Int64, acknowledgedAt: Double? = nil, unshipped: Int64,
                problem: String? = nil, nextAttempt: Double? = nil) {
        self.state = state
        self.acknowledged = acknowledged
        self.acknowledgedAt = acknowledgedAt
        self.unshipped = unshipped
        self.problem = problem
        self.nextAttempt = nextAttempt
    }

    enum CodingKeys: String, CodingKey {
        case state, acknowledged, unshipped, problem
        case acknowledgedAt = "acknowledged_at"
        case nextAttempt = "next_attempt"
    }
}
