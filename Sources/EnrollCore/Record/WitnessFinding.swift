/// What start-up learns by comparing the database's chain head with the witness file
/// (`ChainWitness`). Pure: the store reads both, this decides.
public enum WitnessFinding: Sendable, Equatable, CustomStringConvertible {
    /// The database holds everything the witness says was committed (it may be ahead: the
    /// witness is written just after each commit, and a crash between the two is harmless).
    case consistent
    /// The database lost committed records `lost` (acknowledged to the people enrolled).
    /// `receiptedThrough`: the highest sequence the central server receipted, from the
    /// witness and the database's receipts table; lost records at or below it are held
    /// centrally, those above it were on this kiosk only.
    case recordsLost(lost: ClosedRange<UInt64>, databaseHead: UInt64, receiptedThrough: UInt64)

    /// Compares. `databaseHead`: the database's committed head; `hashAtWitnessSequence`: the
    /// stored envelope hash of the record at the witness's sequence when the database is
    /// ahead and still holds it (nil when purged: a purged record was receipted and checked
    /// in its time); `databaseReceipted`: the highest receipted sequence in the database.
    public static func compare(witness: ChainWitness, databaseHead: ChainHead, hashAtWitnessSequence: [UInt8]?,
                               databaseReceipted: UInt64) -> WitnessFinding {
        let receipted = max(witness.receiptedThrough, databaseReceipted)
        let expected = witness.head
        if databaseHead.sequence < expected.sequence {
            return .recordsLost(lost: databaseHead.sequence + 1...expected.sequence, databaseHead: databaseHead.sequence,
                                receiptedThrough: receipted)
        }
        let found = databaseHead.sequence == expected.sequence ? databaseHead.hash : hashAtWitnessSequence
        if let found, found != expected.hash, expected.sequence > 0 {
            // Same place, another record: the acknowledged one was lost and a later commit
            // (made while the witness could not be written) took its place.
            return .recordsLost(lost: expected.sequence...expected.sequence, databaseHead: databaseHead.sequence,
                                receiptedThrough: receipted)
        }
        return .consistent
    }

    /// The lost records the central server had receipted (nil when none).
    public var receiptedLost: ClosedRange<UInt64>? {
        guard case .recordsLost(let lost, _, let receipted) = self, receipted >= lost.lowerBound else { return nil }
        return lost.lowerBound...min(receipted, lost.upperBound)
    }

    /// The lost records the central server never receipted: on this kiosk only (nil when none).
    public var unreceiptedLost: ClosedRange<UInt64>? {
        guard case .recordsLost(let lost, _, let receipted) = self, receipted < lost.upperBound else { return nil }
        return max(lost.lowerBound, receipted + 1)...lost.upperBound
    }

    public var description: String {
        guard case .recordsLost(let lost, let head, _) = self else { return "the database holds every committed record" }
        var text = "the record database lost committed records \(lost.lowerBound)…\(lost.upperBound) "
            + "(acknowledged to the people enrolled; the database ends at \(head))"
        if let range = receiptedLost { text += "; \(Self.span(range)) had been receipted by the central server" }
        if let range = unreceiptedLost { text += "; \(Self.span(range)) had not been receipted and exist on no server" }
        return text
    }

    static func span(_ range: ClosedRange<UInt64>) -> String {
        range.count == 1 ? "record \(range.lowerBound)" : "records \(range.lowerBound)…\(range.upperBound)"
    }
}
