import Access
import EnrollCore
import Hummingbird

/// A staff account as `GET /v1/operators` lists it: ids and roles, nothing else.
public struct OperatorView: Codable, Sendable, Equatable, ResponseEncodable {
    public var operatorID: String
    public var role: String
    public var active: Bool
    public var hasFinger: Bool
    /// Seconds left of a lock-out after repeated failed logins; absent when not locked.
    public var lockedSeconds: Int?
    enum CodingKeys: String, CodingKey { case operatorID = "operator_id", role, active, hasFinger = "has_finger", lockedSeconds = "locked_seconds" }
    public init(operatorID: String, role: String, active: Bool, hasFinger: Bool) {
        self.operatorID = operatorID
        self.role = role
        self.active = active
        self.hasFinger = hasFinger
    }
}

public struct OperatorList: Codable, Sendable, Equatable, ResponseEncodable {
    public var operators: [OperatorView]
    public init(operators: [OperatorView]) { self.operators = operators }
}

/// Staff accounts, kept by the daemon in the Store.
public protocol OperatorOperations: Sendable {
    func list() async throws(APIProblem) -> [OperatorView]
    func save(operatorID: String, role: Role, pin: String, by caller: Principal) async throws(APIProblem) -> OperatorView
    func remove(operatorID: String, by caller: Principal) async throws(APIProblem)
    /// Enrolls one finger of an active operator on the first reader, for fingerprint login;
    /// answers when the reader's stages are done.
    func enrollFinger(operatorID: String, finger: FingerPosition, by caller: Principal) async throws(APIProblem)
    /// What `enrollctl diagnose` bundles, as JSON bytes: no personal or biometric data.
    func diagnostics() async -> [UInt8]
    /// Lifts the lock-out of an operator id and forgets its failed logins (technicians);
    /// refused (503 `audit_unavailable`) when its audit entry cannot be written.
    func unlock(operatorID: String, by caller: Principal) async throws(APIProblem)
    /// The audit log's entries after `after`, at most `limit`; with `verify` the whole
    /// chain is recomputed too (technicians, socket only).
    func audit(after: Int64, limit: Int, verify: Bool) async throws(APIProblem) -> AuditPage
}
