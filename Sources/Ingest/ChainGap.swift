import EnrollCore

/// The last `gap` the receiver refused for a device: its chain head then, and the first
/// record the device sent beyond it. A central database restored from an older backup,
/// whose kiosk no longer holds the records in between, stays here until the operator
/// acknowledges the loss (`enroll-ingest accept-gap`).
public struct ChainGap: Sendable, Equatable, CustomStringConvertible {
    /// The device's chain head when the gap was seen.
    public let headSequence: UInt64
    /// The lowest sequence the device sent beyond the head.
    public let nextSequence: UInt64
    /// That record's previous-record hash: the chain resumes with it, taken on trust.
    public let previousHash: [UInt8]
    /// Unix ms.
    public let seenAt: Int64

    public init(headSequence: UInt64, nextSequence: UInt64, previousHash: [UInt8], seenAt: Int64) {
        self.headSequence = headSequence
        self.nextSequence = nextSequence
        self.previousHash = previousHash
        self.seenAt = seenAt
    }

    /// The sequences the receiver lacks.
    public var missing: ClosedRange<UInt64> { (headSequence + 1)...(nextSequence - 1) }

    public var description: String {
        "records \(missing.lowerBound)…\(missing.upperBound) are missing (chain head \(headSequence), next record sent \(nextSequence))"
    }

    /// The gap to note from a batch's decisions: the lowest-sequence `gap` refusal, if any.
    public static func first(in records: [CheckedEnvelope], decisions: [IngestDecision], at: Int64) -> ChainGap? {
        zip(records, decisions).compactMap { record, decision -> ChainGap? in
            guard case .rejected(let why) = decision, why.code == "gap", let expected = why.expectedSequence, expected >= 1,
                  record.envelope.sequence > expected else { return nil }
            return ChainGap(headSequence: expected - 1, nextSequence: record.envelope.sequence, previousHash: record.envelope.previousHash, seenAt: at)
        }.min { $0.nextSequence < $1.nextSequence }
    }
}

/// The operator's acknowledgement that a gap's records are lost. Pure: both storages check
/// with it inside the transaction that then moves the head.
public enum GapAcceptance {
    /// Refuses anything but exactly the current gap: there must be one, no record may have
    /// been stored since it was seen, and `after` must be the sequence just before the
    /// record the device sends next.
    public static func check(gap: ChainGap?, head: ChainHead, after: UInt64) throws(IngestError) {
        guard let gap else { throw refusal("no gap is known for this kiosk: its chain is complete as far as it has sent (head \(head.sequence))") }
        guard gap.headSequence == head.sequence else {
            throw refusal("the chain moved since the gap was seen (head \(gap.headSequence) then, \(head.sequence) now); wait for the kiosk's next attempt and look again")
        }
        guard after == gap.nextSequence - 1 else {
            throw refusal("the current gap is \(gap.missing.lowerBound)…\(gap.missing.upperBound): the chain can resume only after \(gap.nextSequence - 1), not after \(after)")
        }
    }

    static func refusal(_ message: String) -> IngestError { IngestError(status: 409, code: "not_the_gap", message: message) }
}

/// Where a storage keeps gaps and their acknowledgements.
public protocol IngestGapStorage: Sendable {
    /// Remembers `gap` as the device's current one (replacing an earlier note).
    func noteGap(device: [UInt8], gap: ChainGap) async throws
    /// The device's current gap, nil when none is noted or the chain moved past it.
    func currentGap(device: [UInt8]) async throws -> ChainGap?
    /// Checks `after` with `GapAcceptance` and, in the same transaction, moves the head to
    /// `after` with the next record's previous hash, records the acknowledgement (`by`,
    /// `at`) and forgets the gap. Returns the gap acknowledged.
    func acceptGap(device: [UInt8], after: UInt64, at: Int64, by: String) async throws -> ChainGap
}
