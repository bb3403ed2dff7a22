import EnrollCore

extension Migrations {
    static let acceptedLosses = (name: "2026-12-01-accepted-losses", sql: """
        -- Committed records this database lost (a torn or deleted WAL, an older copy put back),
        -- found by the chain witness and accepted by a technician: the chain continues after
        -- `through_sequence` from `head_hash`, the lost record's own hash, so the central
        -- server sees the loss as a gap instead of never learning of it.
        CREATE TABLE accepted_losses (
            from_sequence INTEGER NOT NULL,
            through_sequence INTEGER NOT NULL PRIMARY KEY,
            head_hash BLOB NOT NULL,
            receipted_through INTEGER NOT NULL,  -- what the witness and receipts said then
            accepted_at INTEGER NOT NULL         -- Unix ms
        ) STRICT;
        """)
}

/// A loss of committed records a technician accepted (`RecordStore.acceptLostRecords`).
public struct AcceptedLoss: Sendable, Equatable {
    public let lost: ClosedRange<UInt64>
    /// The last lost record's hash: what the next record chains from.
    public let headHash: [UInt8]
    public let receiptedThrough: UInt64
    public let acceptedAt: Int64
}

extension RecordStore {
    /// After investigation, accepts that the records the witness names are gone: moves the
    /// chain head to the witness's head (sequence and hash of the last lost record), keeps
    /// the loss in `accepted_losses`, audits it, and rewrites the witness. The next record
    /// then takes the sequence after the lost ones, chained to the last of them, which is
    /// exactly what the central server expects if it received them and a visible gap for
    /// `enroll-ingest accept-gap` if it did not. `through` must be the witness's sequence,
    /// so a typo cannot jump the chain anywhere else. Returns the accepted loss.
    public func acceptLostRecords(through: UInt64, deviceID: [UInt8], now: Int64) throws -> AcceptedLoss {
        guard let witness = try ChainWitnessFile(directory: directory).read() else {
            throw StoreError.rejected("there is no chain witness beside the database: nothing to accept")
        }
        guard witness.deviceID == deviceID else {
            throw StoreError.rejected("the chain witness belongs to another device key: nothing of this chain to accept")
        }
        guard through == witness.head.sequence else {
            throw StoreError.rejected("the witness's last committed record is \(witness.head.sequence), not \(through): give exactly that")
        }
        let loss: AcceptedLoss = try write { c in
            let head = try Self.head(c)
            guard head.sequence < through else {
                throw StoreError.rejected("the database's chain reaches \(head.sequence), at or beyond \(through): "
                    + "it lost no records a jump could skip (if its record at \(through) differs from the witness, start as a new device)")
            }
            let receipted = try max(witness.receiptedThrough, Self.receiptedThrough(c))
            let loss = AcceptedLoss(lost: head.sequence + 1...through, headHash: witness.head.hash,
                                    receiptedThrough: min(receipted, through), acceptedAt: now)
            try c.prepare("""
                INSERT INTO accepted_losses (from_sequence, through_sequence, head_hash, receipted_through, accepted_at)
                VALUES (?1, ?2, ?3, ?4, ?5)
                """).bind(.integer(Int64(loss.lost.lowerBound)), .integer(Int64(through)), .blob(loss.headHash),
                          .integer(Int64(loss.receiptedThrough)), .integer(now)).run()
            try c.prepare("UPDATE chain_head SET sequence = ?1, hash = ?2 WHERE id = 1")
                .bind(.integer(Int64(through)), .blob(witness.head.hash)).run()
            try Self.appendAudit(c, at: now, actor: "technician", action: "chain.loss_accepted", recordID: nil)
            return loss
        }
        _ = try checkWitness(deviceID: deviceID)
        return loss
    }

    /// Every accepted loss, oldest first: the outbox check bridges the chain across them.
    public func acceptedLosses() throws(StoreError) -> [AcceptedLoss] {
        try read { c throws(StoreError) in
            let s = try c.prepare("""
                SELECT from_sequence, through_sequence, head_hash, receipted_through, accepted_at
                FROM accepted_losses ORDER BY through_sequence
                """)
            var losses: [AcceptedLoss] = []
            while try s.step() {
                let from = UInt64(max(1, s.int64(0))), through = UInt64(max(0, s.int64(1)))
                guard from <= through else { continue }
                losses.append(AcceptedLoss(lost: from...through, headHash: s.blob(2), receiptedThrough: UInt64(max(0, s.int64(3))),
                                           acceptedAt: s.int64(4)))
            }
            return losses
        }
    }
}
