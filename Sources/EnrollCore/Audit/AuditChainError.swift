/// Why a run of audit entries does not hold as a chain. Two kinds, which the receiver
/// answers differently: the entries themselves are inconsistent (`isForged`: a hash that
/// does not match its fields, entries out of order) or they are fine but do not continue
/// the chain the other side holds (`isForged` false: a gap, a different history).
public struct AuditChainError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Equatable, Sendable {
        case empty
        case hashMismatch(seq: Int64)
        case notConsecutive(expected: Int64, found: Int64)
        case brokenLink(seq: Int64)
        case doesNotContinue(head: Int64, first: Int64)
        case differsFromHeld(seq: Int64)
        case linksElsewhere(seq: Int64)
    }

    let code: Code

    init(_ code: Code) { self.code = code }

    /// True when the batch is inconsistent in itself; false when it only fails to continue
    /// what is held.
    public var isForged: Bool {
        switch code {
        case .empty, .hashMismatch, .notConsecutive, .brokenLink: true
        case .doesNotContinue, .differsFromHeld, .linksElsewhere: false
        }
    }

    /// The seq the problem is at, for logs and answers.
    public var seq: Int64? {
        switch code {
        case .empty: nil
        case .hashMismatch(let seq), .brokenLink(let seq), .differsFromHeld(let seq), .linksElsewhere(let seq): seq
        case .notConsecutive(_, let found): found
        case .doesNotContinue(_, let first): first
        }
    }

    public var description: String {
        switch code {
        case .empty: "no audit entries"
        case .hashMismatch(let seq): "audit entry \(seq): its hash does not match its fields"
        case .notConsecutive(let expected, let found): "audit entry \(found) where \(expected) was expected (seqs must follow one another)"
        case .brokenLink(let seq): "audit entry \(seq) does not carry the previous entry's hash"
        case .doesNotContinue(let head, let first): "the batch starts at audit entry \(first) but the chain held ends at \(head)"
        case .differsFromHeld(let seq): "audit entry \(seq) differs from the one already held"
        case .linksElsewhere(let seq): "audit entry \(seq) does not link to the last entry held (a different history)"
        }
    }
}
