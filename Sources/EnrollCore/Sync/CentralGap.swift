/// The central server expects a sequence below this kiosk's first unreceipted record: its
/// database was restored from a backup older than the kiosk's last receipts, so it lacks
/// records it once receipted. Pure: the uploader asks it what to do with a `gap` answer.
public enum CentralGap: Sendable, Equatable, CustomStringConvertible {
    /// The outbox still holds every record from `from` to `through`: send them again, in order.
    case resend(from: UInt64, through: UInt64)
    /// Some of `from…through` were purged here already; the kiosk cannot repair the centre.
    case unrepairable(from: UInt64, through: UInt64, lowestHeld: UInt64?)

    /// What a `gap` answer means. `expected`: the server's next expected sequence;
    /// `firstPending`: the kiosk's first unreceipted sequence (local head + 1 when none is
    /// pending); `localHead`: the outbox's chain head; `lowestHeld`: the lowest sequence the
    /// outbox still holds (nil when empty). Nil when the answer is no restored server at all:
    /// an expected sequence of 0, at or above what the kiosk sends next, or beyond its own
    /// head (a hostile or confused server) is an ordinary failure, never a reason to re-send.
    public static func decide(expected: UInt64, firstPending: UInt64, localHead: UInt64, lowestHeld: UInt64?) -> CentralGap? {
        guard expected >= 1, expected < firstPending, firstPending <= localHead &+ 1, localHead < UInt64.max else { return nil }
        let through = firstPending - 1
        if let lowestHeld, lowestHeld <= expected { return .resend(from: expected, through: through) }
        return .unrepairable(from: expected, through: through, lowestHeld: lowestHeld)
    }

    /// The range the centre lacks.
    public var missing: ClosedRange<UInt64> {
        switch self {
        case .resend(let from, let through), .unrepairable(let from, let through, _): from...through
        }
    }

    /// Whether the kiosk can send the missing records again.
    public var isResend: Bool {
        if case .resend = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .resend(let from, let through):
            "the central server was missing records \(from)…\(through) of this kiosk; re-sent"
        case .unrepairable(let from, let through, let lowestHeld):
            "the central server lacks records \(from)…\(through) of this kiosk, and "
                + (lowestHeld.map { "this kiosk holds them only from \($0) on" } ?? "this kiosk holds none of them any more")
                + ": restore the central database from a newer backup (or to a later point in time), "
                + "otherwise acknowledge the loss on the server with `enroll-ingest accept-gap`"
        }
    }
}
