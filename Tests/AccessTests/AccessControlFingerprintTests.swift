import Access
import Synchronization
import Testing

/// Fingerprint login's rules in `AccessControl`: who is let in, what counts as a failure,
/// and how failures lock out. The reader is a stand-in here (`FakeOperatorDirectory`); the
/// real reader, store and HTTP path are in Tests/system/test_operator_fingers.py.
@Suite struct AccessControlFingerprintTests {
    static let hasher = PINHasher(iterations: 1000)

    func control(_ directory: FakeOperatorDirectory, threshold: Int = 3) -> AccessControl {
        AccessControl(settings: .init(pinIterations: 1000, lockout: .init(threshold: threshold, base: .seconds(60)),
                                      idle: .seconds(600), stationToken: "", stationID: "station-1"),
                      directory: directory)
    }

    /// The code of the refusal a login met, or nil when it went through.
    func refusal(_ access: AccessControl, _ method: AccessControl.Method) async -> AccessDenied.Code? {
        do throws(AccessDenied) {
            _ = try await access.login(method)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func aMatchedFingerLogsTheOperatorInWithTheirRole() async throws {
        let directory = FakeOperatorDirectory(answers: [.match("sup1")])
        let granted = try await control(directory).login(.fingerprint(operatorID: nil))
        #expect(granted.principal == Principal(id: "sup1", role: .supervisor, via: .fingerprint))
        #expect(!granted.token.isEmpty && !granted.csrfToken.isEmpty)
        #expect(directory.audit.contains("sup1 login.fingerprint"))
    }

    @Test func unmatchedFingersWithoutAnIDLockTheReaderNotTheOperators() async throws {
        let directory = FakeOperatorDirectory(answers: Array(repeating: .noMatch, count: 3))
        let access = control(directory)
        for _ in 0..<3 {
            #expect(await refusal(access, .fingerprint(operatorID: nil)) == .loginFailed)
        }
        do throws(AccessDenied) {
            _ = try await access.login(.fingerprint(operatorID: nil))
            Issue.record("a fourth try was let through")
        } catch {
            #expect(error.code == .lockedOut && (error.retryAfterSeconds ?? 0) >= 59)
        }
        #expect(directory.asked == 3, "the locked-out try must not reach the reader")
        // An operator's PIN still works: the lock is the reader's, not theirs.
        let granted = try await access.login(.pin(operatorID: "op1", pin: "4711"))
        #expect(granted.principal.id == "op1")
        #expect(directory.audit.contains("\(AccessControl.anyFingerKey) login.fingerprint.locked_out"))
    }

    /// The audit log is append-only: a PIN or a name typed into the id field must not stay
    /// in it. Known ids are audited as themselves.
    @Test func failedLoginsByUnknownIDsAreAuditedAsUnknown() async throws {
        let directory = FakeOperatorDirectory(answers: [])
        let access = control(directory)
        #expect(await refusal(access, .pin(operatorID: "Maryam Ahmadi", pin: "0000")) == .loginFailed)
        #expect(await refusal(access, .pin(operatorID: "op1", pin: "0000")) == .loginFailed)
        #expect(directory.audit == ["unknown login.failed", "op1 login.failed"])
    }

    @Test func aTechnicianLiftsALockOut() async throws {
        let directory = FakeOperatorDirectory(answers: [])
        let access = control(directory)
        for _ in 0..<3 { #expect(await refusal(access, .pin(operatorID: "op1", pin: "0000")) == .loginFailed) }
        #expect(await refusal(access, .pin(operatorID: "op1", pin: "4711")) == .lockedOut, "the right PIN cannot lift the lock")
        try await access.unlock("op1", by: "tech1")
        #expect(await refusal(access, .pin(operatorID: "op1", pin: "4711")) == nil)
        #expect(directory.audit.contains("tech1 login.unlocked:op1"))
    }

    @Test func failuresWithAnIDShareTheLockWithThatOperatorsPIN() async throws {
        let directory = FakeOperatorDirectory(answers: [.noMatch, .noMatch])
        let access = control(directory)
        for _ in 0..<2 {
            #expect(await refusal(access, .fingerprint(operatorID: "op1")) == .loginFailed)
        }
        #expect(await refusal(access, .pin(operatorID: "op1", pin: "0000")) == .loginFailed)
        #expect(await refusal(access, .pin(operatorID: "op1", pin: "4711")) == .lockedOut)
    }

    @Test func aFingerTheReaderCouldNotReadIsNotAFailure() async throws {
        let directory = FakeOperatorDirectory(answers: [.retry, .retry, .retry, .match("op1")])
        let access = control(directory, threshold: 2)
        for _ in 0..<3 {
            #expect(await refusal(access, .fingerprint(operatorID: nil)) == .retry)
        }
        #expect(try await access.login(.fingerprint(operatorID: nil)).principal.id == "op1")
    }

    @Test func aMatchForARemovedAccountIsRefused() async throws {
        let directory = FakeOperatorDirectory(answers: [.match("gone")])
        #expect(await refusal(control(directory), .fingerprint(operatorID: nil)) == .loginFailed)
    }

    @Test func aSuccessClearsEarlierFailures() async throws {
        let directory = FakeOperatorDirectory(answers: [.noMatch, .noMatch, .match("op1"), .noMatch, .noMatch, .match("op1")])
        let access = control(directory)
        for expected in [false, false, true, false, false, true] {
            let ok = (try? await access.login(.fingerprint(operatorID: nil))) != nil
            #expect(ok == expected)
        }
    }
}

/// Accounts op1 (operator), sup1 (supervisor), gone (removed), all with PIN 4711, and a
/// reader whose answers the test scripts in order.
final class FakeOperatorDirectory: OperatorDirectory {
    enum Answer: Sendable { case match(String), noMatch, retry }
    private let state: Mutex<(answers: [Answer], asked: Int, audit: [String])>
    private let pinHash = AccessControlFingerprintTests.hasher.hash("4711")

    init(answers: [Answer]) { state = Mutex((answers, 0, [])) }

    var asked: Int { state.withLock { $0.asked } }
    var audit: [String] { state.withLock { $0.audit } }

    func credential(_ operatorID: String) async -> OperatorCredential? {
        switch operatorID {
        case "op1": OperatorCredential(operatorID: "op1", role: .operator, pinHash: pinHash, active: true)
        case "sup1": OperatorCredential(operatorID: "sup1", role: .supervisor, pinHash: pinHash, active: true)
        case "gone": OperatorCredential(operatorID: "gone", role: .operator, pinHash: pinHash, active: false)
        default: nil
        }
    }

    func verifyFinger(_ operatorID: String?) async throws(AccessDenied) -> String? {
        let answer: Answer? = state.withLock { state in
            state.asked += 1
            return state.answers.isEmpty ? nil : state.answers.removeFirst()
        }
        switch answer {
        case .match(let id): return id
        case .noMatch, nil: return nil
        case .retry: throw AccessDenied(.retry, "place it again")
        }
    }

    func audit(actor: String, action: String) async throws {
        state.withLock { $0.audit.append("\(actor) \(action)") }
    }

    func cancelFingerWait() async {
        state.withLock { $0.audit.append("cancel") }
    }
}
