import EnrollCore

/// What the receiver does with one verified envelope, given the device's chain head and
/// whatever it already holds under the same record id. Pure: the storage adapters call it
/// inside their transaction, the tests call it directly.
public enum IngestDecision: Sendable, Equatable {
    case store
    /// Already stored with the same envelope hash: success, nothing changes.
    case duplicate
    case rejected(IngestRejection)
}

/// Why an envelope was not stored. `code` is the fixed vocabulary of docs/sync-protocol.md.
public struct IngestRejection: Sendable, Equatable, CustomStringConvertible {
    public let code: String
    /// For sequence problems: what the receiver expects next from this device.
    public let expectedSequence: UInt64?

    public init(_ code: String, expectedSequence: UInt64? = nil) {
        self.code = code
        self.expectedSequence = expectedSequence
    }

    public var description: String {
        expectedSequence.map { "\(code) (expected sequence \($0))" } ?? code
    }
}

public enum IngestRules {
    /// Exactly once by record id first (a retry of something stored must be recognised
    /// even after the head moved past it), then chain continuity against the head.
    public static func decide(_ envelope: RecordEnvelope, hash: [UInt8], head: ChainHead, storedHashForID: [UInt8]?) -> IngestDecision {
        if let storedHashForID {
            return storedHashForID == hash ? .duplicate : .rejected(IngestRejection("conflict"))
        }
        let expected = head.sequence + 1
        if envelope.sequence <= head.sequence {
            // Another record already holds this place in the chain.
            return .rejected(IngestRejection("sequence_taken", expectedSequence: expected))
        }
        if envelope.sequence != expected {
            return .rejected(IngestRejection("gap", expectedSequence: expected))
        }
        guard envelope.previousHash == head.hash else {
            return .rejected(IngestRejection("chain_broken", expectedSequence: expected))
        }
        return .store
    }
}
