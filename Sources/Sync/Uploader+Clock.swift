import EnrollCore
import EventLog
import Logging
import Synchronization
import Trust

extension Uploader {
    /// What a receipt's date changes in the journal.
    enum ClockNote {
        case nothing, skewed(Int64), agreesAgain
    }

    /// How often a clock that stays off is journalled again.
    static let skewReminderMilliseconds: Int64 = 3_600_000

    /// Compares a receipt the server has just issued with the kiosk's clock. A kiosk whose
    /// clock is off still deletes what the server receipted (the dates are no condition,
    /// see `ReceiptVerifier`), but its records and audit entries carry wrong times: the
    /// technician hears of it at once, then hourly while it lasts, and once when it is over.
    func noteClock(_ bytes: [UInt8], now: Int64) {
        guard let receipt = try? Receipt(decoding: bytes) else { return }
        let skew = verifier.clockSkew(of: receipt, now: now)
        let note: ClockNote = status.withLock { state in
            let was = state.clockSkew
            state.clockSkew = skew
            guard let skew else {
                state.skewJournalled = nil
                return was == nil ? .nothing : .agreesAgain
            }
            if let last = state.skewJournalled, now >= last, now - last < Self.skewReminderMilliseconds { return .nothing }
            state.skewJournalled = now
            return .skewed(skew)
        }
        switch note {
        case .nothing: break
        case .skewed(let skew):
            let minutes = Double(skew.magnitude) / 60_000
            let direction = skew > 0 ? "behind" : "ahead of"
            logger.log(.clockSkewed, "This kiosk's clock is \(Int(minutes.rounded())) min \(direction) the central server's",
                       metadata: ["clock.skew_ms": "\(skew)"])
        case .agreesAgain:
            logger.notice("The kiosk's clock agrees with the central server's again")
        }
    }
}
