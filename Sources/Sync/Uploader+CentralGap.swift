import EnrollCore
import EventLog
import Logging
import Synchronization

/// A central server restored from a backup older than this kiosk's last receipts: it
/// answers `gap` (or a head below the kiosk's) and would refuse every new record for ever.
/// The kiosk still holds the receipted records for the retention period (and, by
/// `PurgeRule`, until the server confirms them), so it sends those original envelopes again.
extension Uploader {
    static let centralHeadNoteMilliseconds: Int64 = 30_000

    /// Notes the head the server reported: the purge rule's confirmation, and the end of a
    /// gap episode once the server's chain passes it.
    func confirmCentralHead(_ sequence: UInt64) async {
        // One more fsync per batch would slow a drain: a higher head is written at most every
        // `centralHeadNoteMilliseconds` (a late note only delays a purge); a lower one at once.
        let wall = wallClock()
        let write = status.withLock { s in
            guard let last = s.headNoted, sequence >= last.sequence, wall >= last.at, wall - last.at < Self.centralHeadNoteMilliseconds else {
                s.headNoted = (sequence, wall)
                return true
            }
            return false
        }
        if write {
            do { try await queue.noteCentralHead(sequence, at: wall) } catch {
                status.withLock { $0.headNoted = nil }
                logger.debug("central head not noted", metadata: [LogKey.error: "\(error)"])
            }
        }
        let ended: CentralGap? = status.withLock { s in
            guard let gap = s.centralGap, sequence >= gap.missing.upperBound else { return nil }
            s.centralGap = nil
            return gap
        }
        if let ended {
            logger.notice("The central server's chain for this kiosk reaches past \(ended.missing.upperBound) again; uploads continue")
        }
    }

    /// The restored-server case in a batch answer: the first record sent was refused as a
    /// `gap`, and the answer is consistent with itself (its head is the expected sequence
    /// minus one). Anything else stays an ordinary failure.
    func centralGap(in reply: IngestReply, firstPending: UInt64, localHead: UInt64) async -> CentralGap? {
        guard let first = reply.results.first, first.sequence == firstPending, first.status == .rejected, first.error == "gap",
              let expected = first.expectedSequence, expected >= 1, reply.headSequence == expected - 1 else { return nil }
        return await centralGap(expected: expected, firstPending: firstPending, localHead: localHead)
    }

    func centralGap(expected: UInt64, firstPending: UInt64, localHead: UInt64) async -> CentralGap? {
        guard let lowest = try? await queue.lowestHeld(), let losses = try? await queue.acceptedLosses() else { return nil }
        return CentralGap.decide(expected: expected, firstPending: firstPending, localHead: localHead, lowestHeld: lowest, acceptedLosses: losses)
    }

    /// Acts on a gap: re-opens the records to re-send (true: carry on at once), or, when
    /// they are gone, reports what the centre lacks (false: back off and retry). Journalled
    /// once per episode; a deeper gap within one episode widens it.
    func repair(_ gap: CentralGap) async -> Bool {
        var reopened = 0
        if case .resend(let from, let through) = gap {
            do { reopened = try await queue.reopenForResend(from: from, through: through, now: wallClock()) } catch {
                logger.debug("records not re-opened", metadata: [LogKey.error: "\(error)"])
            }
            // Purged meanwhile, or the outbox failed: nothing changed; the next answer says more.
            if reopened == 0 { return false }
        }
        let isNew: Bool = status.withLock { s in
            let known = s.centralGap
            s.resent += reopened
            s.centralGap = Self.widen(known, by: gap)
            guard let known else { return true }
            // Once per episode and kind: the error still comes when a re-send turns out short,
            // or reaches records this kiosk lost itself.
            if case .resend = known, !gap.isResend { return true }
            return false
        }
        let missing = gap.missing
        let metadata: Logger.Metadata = ["sync.missing_from": "\(missing.lowerBound)", "sync.missing_through": "\(missing.upperBound)"]
        if isNew {
            switch gap {
            case .resend: logger.log(.centralRecordsResent, "The central server was missing records \(missing.lowerBound)…\(missing.upperBound) of this kiosk; re-sent", metadata: metadata)
            case .unrepairable: logger.log(.centralRecordsLost, "\(gap)", metadata: metadata)
            case .lostOnKiosk: logger.log(.centralAwaitsLostRecordsAcknowledgement, "Uploads wait for central IT: \(gap)", metadata: metadata)
            }
        }
        return reopened > 0
    }

    /// One episode's extent: from its lowest missing sequence to its highest.
    static func widen(_ known: CentralGap?, by gap: CentralGap) -> CentralGap {
        guard let known else { return gap }
        let from = min(known.missing.lowerBound, gap.missing.lowerBound)
        let through = max(known.missing.upperBound, gap.missing.upperBound)
        switch gap {
        case .resend: return .resend(from: from, through: through)
        case .unrepairable(_, _, let lowest): return .unrepairable(from: from, through: through, lowestHeld: lowest)
        case .lostOnKiosk: return .lostOnKiosk(from: from, through: through)
        }
    }
}
