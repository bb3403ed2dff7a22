/// The last entry of an audit chain as one side holds it: its seq and hash; seq 0 with 32
/// zero bytes before the first entry.
public struct AuditHead: Sendable, Equatable {
    public let seq: Int64
    public let hash: [UInt8]

    public init(seq: Int64, hash: [UInt8]) {
        self.seq = seq
        self.hash = hash
    }

    /// Before the first entry: the previous hash the first entry carries.
    public static let genesis = AuditHead(seq: 0, hash: [UInt8](repeating: 0, count: 32))
}
