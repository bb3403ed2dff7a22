/// The last record of a device's chain: the next record gets `sequence + 1` and carries
/// `hash` as its previous hash.
public struct ChainHead: Sendable, Equatable {
    public var sequence: UInt64
    public var hash: [UInt8]

    public init(sequence: UInt64, hash: [UInt8]) {
        self.sequence = sequence
        self.hash = hash
    }

    /// Before the first record: sequence 0, 32 zero bytes.
    public static let genesis = ChainHead(sequence: 0, hash: [UInt8](repeating: 0, count: 32))
}
