import Access
import EnrollCore
import HTTPTypes
import Hummingbird
import Prometheus
@testable import ControlAPI

/// Answers every session call with a plausible view: the matrix tests who gets through,
/// not what the session does (the daemon's tests do that).
struct FakeSessions: SessionOperations {
    var view: SessionView {
        SessionView(id: "s1", mode: "staffed", step: "consent", deadlineSeconds: 120, consentVersion: "1", subjectFields: [], fingers: [])
    }
    func create(by caller: Principal) async throws(APIProblem) -> SessionView { view }
    func current(for caller: Principal) async throws(APIProblem) -> SessionView { view }
    func session(_ id: String, for caller: Principal) async throws(APIProblem) -> SessionView { view }
    func consent(_ id: String, version: String, shown: ShownConsent?, accepted: Bool, byGuardian: Bool,
                 by caller: Principal) async throws(APIProblem) -> SessionView { view }
    func subject(_ id: String, fields: [String: String], by caller: Principal) async throws(APIProblem) -> SessionView { view }
    func captureFinger(_ id: String, finger: FingerPosition, by caller: Principal) async throws(APIProblem) -> CaptureResultView {
        CaptureResultView(outcome: "accepted", attempt: 1, quality: nil, retryReason: nil, session: view)
    }
    func fingerException(_ id: String, finger: FingerPosition, _ exception: CaptureException, by caller: Principal) async throws(APIProblem) -> SessionView { view }
    func captureFace(_ id: String, by caller: Principal) async throws(APIProblem) -> CaptureResultView {
        CaptureResultView(outcome: "accepted", attempt: 1, quality: nil, retryReason: nil, session: view)
    }
    func faceException(_ id: String, _ exception: CaptureException, by caller: Principal) async throws(APIProblem) -> SessionView { view }
    func decide(_ id: String, _ decision: DuplicateDecision, supervisorID: String, by caller: Principal) async throws(APIProblem) -> SessionView { view }
    func confirm(_ id: String, by caller: Principal) async throws(APIProblem) -> SessionView { view }
    func cancel(_ id: String, by caller: Principal) async throws(APIProblem) -> SessionView { view }
    func events(_ id: String, for caller: Principal) async throws(APIProblem) -> AsyncStream<String> {
        AsyncStream { $0.yield("event: step\ndata: {}\n\n"); $0.finish() }
    }
    func cancelFinger(_ id: String, by caller: Principal) async throws(APIProblem) {}
    func admission(for caller: Principal) async -> AdmissionView { AdmissionView(accepting: true) }
    func moreTime(_ id: String, by caller: Principal) async throws(APIProblem) -> SessionView { view }
    func changeDetails(_ id: String, by caller: Principal) async throws(APIProblem) -> SessionView { view }
    func maintenance(_ on: Bool?, by caller: Principal) async throws(APIProblem) -> MaintenanceView {
        MaintenanceView(on: on ?? false, sessionOpen: false)
    }
}

struct FakeOperators: OperatorOperations {
    func list() async throws(APIProblem) -> [OperatorView] { [] }
    func save(operatorID: String, role: Role, pin: String, by caller: Principal) async throws(APIProblem) -> OperatorView {
        OperatorView(operatorID: operatorID, role: role.rawValue, active: true, hasFinger: false)
    }
    func remove(operatorID: String, by caller: Principal) async throws(APIProblem) {}
    func enrollFinger(operatorID: String, finger: FingerPosition, by caller: Principal) async throws(APIProblem) {}
    func diagnostics() async -> [UInt8] { Array("{}".utf8) }
    func unlock(operatorID: String, by caller: Principal) async throws(APIProblem) {}
    func audit(after: Int64, limit: Int, verify: Bool) async throws(APIProblem) -> AuditPage {
        AuditPage(entries: [.init(seq: after + 1, at: 1_780_000_000_000, actor: "op1", action: "session.started", recordID: nil)], next: nil,
                  verifiedEntries: verify ? Int(after) + 1 : nil)
    }
}

/// Accounts with known PINs, one per staff role; counts audit entries.
actor FakeDirectory: OperatorDirectory {
    let hasher = PINHasher(iterations: 1000)
    var accounts: [String: OperatorCredential] = [:]
    private(set) var audited: [String] = []

    init() {
        for role in [Role.operator, .supervisor, .technician] {
            accounts[role.rawValue] = OperatorCredential(operatorID: role.rawValue, role: role, pinHash: hasher.hash("4711"), active: true)
        }
    }

    func credential(_ operatorID: String) async -> OperatorCredential? { accounts[operatorID] }
    func verifyFinger(_ operatorID: String?) async throws(AccessDenied) -> String? { nil }
    func cancelFingerWait() async {}
    func audit(actor: String, action: String) async throws { audited.append("\(actor) \(action)") }
}

struct FakeStatus: StatusProvider {
    func currentStatus() async -> DaemonStatus {
        DaemonStatus(version: "test", phase: .ready, uptimeSeconds: 1, devices: [], queue: .empty, sync: SyncSummary(state: .notConfigured))
    }
    func devices() async -> [DeviceSummary] { [] }
}

/// The socket's peer check replaced by a header, since router tests have no socket.
struct FakeSocketAuthenticator: Authenticating {
    static let header = HTTPField.Name("X-Test-Role")!
    func principal(_ request: Request, _ context: ControlContext) async throws(APIProblem) -> Principal? {
        request.headers[Self.header].flatMap(Role.init(rawValue:)).map { Principal(id: "uid:1", role: $0, via: .socket) }
    }
    var anonymousRefusal: APIProblem { .forbidden("no role") }
}

enum TestRouters {
    static let stationToken = "station-token-0123456789"

    static func make() -> (ControlRouter, AccessControl, FakeDirectory) {
        let directory = FakeDirectory()
        let control = AccessControl(
            settings: .init(pinIterations: 1000, lockout: .init(threshold: 3, base: .seconds(30)), idle: .seconds(900),
                            stationToken: stationToken, stationID: "station-1"),
            directory: directory)
        let router = ControlRouter(status: FakeStatus(), metrics: MetricsEndpoint(registry: PrometheusCollectorRegistry()),
                                   records: FakeRecords(), readers: FakeReaderOperations())
            .adding(cameras: FakeCameraTester())
            .adding(gallery: FakeGalleryImporter())
            .adding(sync: FakeSyncController())
            .adding(access: AccessParts(control: control, sessions: FakeSessions(), operators: FakeOperators(), httpPort: 8470))
        return (router, control, directory)
    }
}
