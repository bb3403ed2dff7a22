import EnrollCore
import EventLog
import Logging
import Synchronization
import Trust

extension Uploader {
    /// How often a clock that stays off is journalled again.
    static let skewReminderMilliseconds: Int64 = 3_600_000

    /// Compares a receipt the server has just issued with the kiosk's clock. A kiosk whose
    /// clock is off still deletes what the server receipted (the dates are no condition,
    /// see `ReceiptVerifier`), but its records and audit entries carry wrong times: the
    /// technician hears of it at once, then hourly while it lasts, and once when it is over.
    func noteClock(_ bytes: [UInt8], now: Int64) {
        guard let receipt = try? Receipt(decoding: bytes) else { return }
        let skew = verifier.clockSkew(of: receipt, now: now)
        let (journal, cleared) = status.withLock { state -> (Bool, Bool) in
            defer { state.clockSkew = skew }
            guard skew != nil else {
                defer { state.skewJournalled = nil }
                return (false, state.clockSkew != nil)
            }
            if let last = state.skewJournalled, now >= last, now - last < Self.skewReminderMilliseconds { return (false, false) }
            state.skewJournalled = now
            return (true, false)
        }
        if let skew, journal {
            let minutes = Double(skew.magnitude) / 60_000
            let direction = skew > 0 ? "behind" : "ahead of"
            logger.log(.clockSkewed, "This kiosk's clock is \(Int(minutes.rounded())) min \(direction) the central server's",
                       metadata: ["clock.skew_ms": "\(skew)"])
        } else if cleared {
            logger.notice("The kiosk's clock agrees with the central server's again")
        }
    }
}
