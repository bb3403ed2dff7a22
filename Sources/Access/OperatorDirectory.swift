/// A staff account as login needs it. Implemented over the Store by the daemon.
public struct OperatorCredential: Sendable, Equatable {
    public var operatorID: String
    public var role: Role
    public var pinHash: [UInt8]
    public var active: Bool

    public init(operatorID: String, role: Role, pinHash: [UInt8], active: Bool) {
        self.operatorID = operatorID
        self.role = role
        self.pinHash = pinHash
        self.active = active
    }
}

/// Where accounts and their enrolled fingers are kept, and how a finger is checked.
public protocol OperatorDirectory: Sendable {
    func credential(_ operatorID: String) async -> OperatorCredential?
    /// Waits for a finger on the reader and returns the operator it verifies as (against
    /// `operatorID`'s enrolled fingers, or among every enrolled operator when nil); nil when
    /// it matches none.
    func verifyFinger(_ operatorID: String?) async throws(AccessDenied) -> String?
    /// Stops a `verifyFinger` that is waiting for a finger (the person chose the PIN
    /// instead); it then ends with `AccessDenied.Code.cancelled`. Nothing else is touched.
    func cancelFingerWait() async
    /// Appends to the audit log: who did what. Never a PIN, never subject data. Returns
    /// only once the entry is on disk (committed with the store's fsync policy), so that an
    /// answered action always has its evidence; throws when it could not be written.
    func audit(actor: String, action: String) async throws
}

/// A refused login or approval, with the status the API answers.
public struct AccessDenied: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case loginFailed = "login_failed"
        case lockedOut = "locked_out"
        case notConfigured = "not_configured"
        case unavailable = "no_device"
        case timedOut = "timed_out"
        case busy
        case badRequest = "bad_request"
        /// The reader could not read the finger (too short a swipe, off-centre…): not a
        /// failed login, the operator tries again.
        case retry
        /// The wait for a finger was called off.
        case cancelled
        /// More PIN checks are waiting than the kiosk runs; not a failed login.
        case tooManyLogins = "too_many_logins"
        /// The audit entry could not be written (disk full, I/O error, no database): the
        /// action was not done, since it would have left no evidence.
        case auditUnavailable = "audit_unavailable"
    }

    public let code: Code
    public let description: String
    /// For `lockedOut`: whole seconds to wait.
    public let retryAfterSeconds: Int?

    public init(_ code: Code, _ description: String, retryAfterSeconds: Int? = nil) {
        self.code = code
        self.description = description
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var status: Int {
        switch code {
        case .loginFailed: 401
        case .lockedOut: 429
        case .notConfigured: 404
        case .unavailable: 503
        case .timedOut: 504
        case .busy: 409
        case .badRequest: 400
        case .retry: 422
        case .cancelled: 409
        case .tooManyLogins: 429
        case .auditUnavailable: 503
        }
    }
}
