import Dispatch
import Synchronization

/// PIN verification off the access actor and off Swift's cooperative pool. A PIN check is a
/// deliberately slow hash (PBKDF2, ~0.1–0.5 s); run inside `AccessControl` it held up every
/// logged-in request behind it, so a few connections sending bogus logins made the kiosk
/// page stall for seconds (review). Here checks run one at a time on a thread of their
/// own, at most `maximumWaiting` queued; more are refused at once with 429.
final class PINChecks: Sendable {
    private let queue = DispatchQueue(label: "enrolld-pin-checks")
    private let waiting = Mutex(0)
    let maximumWaiting: Int
    private let check: @Sendable (String, [UInt8]) -> Bool

    /// - Parameter check: the verification (tests pass one they can hold).
    init(maximumWaiting: Int = 4, check: @escaping @Sendable (String, [UInt8]) -> Bool = { PINHasher.verify($0, against: $1) }) {
        self.maximumWaiting = maximumWaiting
        self.check = check
    }

    /// Checks admitted and not yet answered.
    var queued: Int { waiting.withLock { $0 } }

    func verify(_ pin: String, against stored: [UInt8]) async throws(AccessDenied) -> Bool {
        let admitted = waiting.withLock { count in
            guard count < maximumWaiting else { return false }
            count += 1
            return true
        }
        guard admitted else {
            throw AccessDenied(.tooManyLogins, "Too many logins at once; try again in a moment.", retryAfterSeconds: 1)
        }
        defer { waiting.withLock { $0 -= 1 } }
        let check = self.check
        return await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: check(pin, stored)) }
        }
    }
}
