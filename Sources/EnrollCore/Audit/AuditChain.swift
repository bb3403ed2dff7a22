/// The audit chain's rules, shared by the kiosk's `--verify` and the receiver.
public enum AuditChain {
    /// Checks that `entries` are consecutive, each linked to the one before by its previous
    /// hash, and each hash recomputed from its fields; the first entry's link is checked by
    /// `continuing`. Throws the first problem (always `isForged`).
    public static func verify(_ entries: [AuditEntry], digest: AuditDigest) throws(AuditChainError) {
        guard let first = entries.first else { throw AuditChainError(.empty) }
        var previous: AuditEntry?
        for entry in entries {
            if let previous {
                guard entry.seq == previous.seq + 1 else { throw AuditChainError(.notConsecutive(expected: previous.seq + 1, found: entry.seq)) }
                guard entry.previousHash == previous.hash else { throw AuditChainError(.brokenLink(seq: entry.seq)) }
            } else if first.seq < 1 {
                throw AuditChainError(.notConsecutive(expected: 1, found: first.seq))
            }
            guard entry.hash == entry.expectedHash(digest) else { throw AuditChainError(.hashMismatch(seq: entry.seq)) }
            previous = entry
        }
    }

    /// Checks a stretch of a chain read back whole from where it is held: as `verify`, and
    /// its first entry follows `previous` (`AuditHead.genesis` for a log read from its start).
    public static func verify(_ entries: [AuditEntry], continuing previous: AuditHead, digest: AuditDigest) throws(AuditChainError) {
        guard let first = entries.first else { return }
        guard first.seq == previous.seq + 1 else { throw AuditChainError(.notConsecutive(expected: previous.seq + 1, found: first.seq)) }
        guard first.previousHash == previous.hash else { throw AuditChainError(.brokenLink(seq: first.seq)) }
        try verify(entries, digest: digest)
    }

    /// The part of a verified batch that is new to a holder whose chain ends at `head`:
    /// entries it already holds are dropped after `heldHash` (the hash it holds at a seq)
    /// confirms them, and the rest must start right after `head`, linked to its hash.
    /// Empty when the whole batch is held already (a re-sent batch).
    public static func newEntries(_ entries: [AuditEntry], onto head: AuditHead,
                                  heldHash: (Int64) throws -> [UInt8]?) throws -> [AuditEntry] {
        var fresh: [AuditEntry] = []
        for entry in entries {
            if entry.seq <= head.seq {
                guard let held = try heldHash(entry.seq), held == entry.hash else { throw AuditChainError(.differsFromHeld(seq: entry.seq)) }
                continue
            }
            if fresh.isEmpty {
                guard entry.seq == head.seq + 1 else { throw AuditChainError(.doesNotContinue(head: head.seq, first: entry.seq)) }
                guard entry.previousHash == head.hash else { throw AuditChainError(.linksElsewhere(seq: entry.seq)) }
            }
            fresh.append(entry)
        }
        return fresh
    }
}
