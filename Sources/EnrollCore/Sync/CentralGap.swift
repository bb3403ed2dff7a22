/// The central server expects a sequence below this kiosk's first unreceipted record: its
/// database was restored from a backup older than the kiosk's last receipts, so it lacks
/// records it once receipted. Pure: the uploader asks it what to do with a `gap` answer.
public enum CentralGap: Sendable, Equatable, CustomStringConvertible {
    /// The outbox still holds every record from `from` to `through`: send them again, in order.
    case resend(from: UInt64, through: UInt64)
    /// Some of `from…through` were purged here already; the kiosk cannot repair the centre.
    case unrepairable(from: UInt64, through: UInt64, lowestHeld: UInt64?)
    /// The centre never received some of `from…through` because this kiosk's own database
    /// lost them and a technician accepted the loss (`enrolld --accept-lost-records`): no
    /// backup anywhere holds them, so only central IT's acknowledgement closes the gap.
    case lostOnKiosk(from: UInt64, through: UInt64)

    /// What a `gap` answer means. `expected`: the server's next expected sequence;
    /// `firstPending`: the kiosk's first unreceipted sequence (local head + 1 when none is
    /// pending); `localHead`: the outbox's chain head; `lowestHeld`: the lowest sequence the
    /// outbox still holds (nil when empty); `acceptedLosses`: the sequences this kiosk's
    /// database lost and a technician accepted (the outbox has a hole there, so "held from
    /// `lowestHeld` on" is not true across them). Nil when the answer is no restored server at all:
    /// an expected sequence of 0, at or above what the kiosk sends next, or beyond its own
    /// head (a hostile or confused server) is an ordinary failure, never a reason to re-send.
    public static func decide(expected: UInt64, firstPending: UInt64, localHead: UInt64, lowestHeld: UInt64?,
                              acceptedLosses: [ClosedRange<UInt64>] = []) -> CentralGap? {
        guard expected >= 1, expected < firstPending, firstPending <= localHead &+ 1, localHead < UInt64.max else { return nil }
        let through = firstPending - 1
        if let loss = acceptedLosses.filter({ $0.overlaps(expected...through) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            // What the outbox holds below the loss goes first (a restored centre may lack it
            // too); the next answer then names the loss itself.
            if loss.lowerBound > expected, let lowestHeld, lowestHeld <= expected {
                return .resend(from: expected, through: loss.lowerBound - 1)
            }
            return .lostOnKiosk(from: expected, through: through)
        }
        if let lowestHeld, lowestHeld <= expected { return .resend(from: expected, through: through) }
        return .unrepairable(from: expected, through: through, lowestHeld: lowestHeld)
    }

    /// The range the centre lacks.
    public var missing: ClosedRange<UInt64> {
        switch self {
        case .resend(let from, let through), .unrepairable(let from, let through, _), .lostOnKiosk(let from, let through): from...through
        }
    }

    /// Whether the kiosk can send the missing records again.
    public var isResend: Bool {
        if case .resend = self { return true }
        return false
    }

    /// Whether this kiosk's own database lost them (only the centre's acknowledgement helps).
    public var isLostOnKiosk: Bool {
        if case .lostOnKiosk = self { return true }
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
        case .lostOnKiosk(let from, let through):
            "the central server lacks records \(from)…\(through) of this kiosk, which this kiosk's database lost "
                + "(the loss was accepted here with `enrolld --accept-lost-records`): no copy exists to send; "
                + "central IT acknowledges them with `enroll-ingest accept-gap --after \(through)` (the server knows the gap once "
                + "this kiosk has sent a later record), then the later records are delivered"
        }
    }
}
