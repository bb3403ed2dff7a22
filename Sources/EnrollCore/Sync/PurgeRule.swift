/// When a receipted record may leave the kiosk for good. A receipt says the server stored
/// the record once; a server restored from an older backup no longer has it, and the kiosk's
/// copy is then the only one. So besides the retention period, the server must have said,
/// in an answer read after the retention ended, that its chain reaches the record.
/// Pure: the store filters the due records with it.
public struct PurgeRule: Sendable, Equatable {
    /// The last chain head the server confirmed (a batch answer's `head_sequence`, or the
    /// head question), clamped to the kiosk's own head.
    public var confirmedHead: UInt64
    /// When that answer was read (kiosk clock, Unix ms).
    public var confirmedAt: Int64

    public init(confirmedHead: UInt64, confirmedAt: Int64) {
        self.confirmedHead = confirmedHead
        self.confirmedAt = confirmedAt
    }

    /// Whether the receipted record `sequence`, purgeable after `purgeAfter`, may go at `now`.
    /// Without any confirmation (`rule` nil: a kiosk that never reached the server since this
    /// rule came in) nothing goes.
    public static func mayPurge(sequence: UInt64, purgeAfter: Int64, now: Int64, rule: PurgeRule?) -> Bool {
        guard let rule, purgeAfter <= now else { return false }
        return sequence <= rule.confirmedHead && rule.confirmedAt >= purgeAfter
    }
}
