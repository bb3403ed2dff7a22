/// Why a record, a chain of records or a receipt did not verify, and where.
public struct VerificationFailure: Error, Equatable, CustomStringConvertible {
    /// The kind of failure. A struct of constants rather than an enum so reasons can be
    /// added without breaking the ingest server's code.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The bytes are not a well-formed envelope or receipt.
        public static let malformed = Reason("malformed")
        /// The envelope names a different device than the key it is checked against.
        public static let wrongDevice = Reason("wrong device")
        /// The device's (or server's) signature does not verify.
        public static let badSignature = Reason("bad signature")
        /// The sealed payload does not match its signed digest.
        public static let digestMismatch = Reason("sealed payload digest mismatch")
        /// A sequence number is missing from the chain.
        public static let missing = Reason("record missing from the chain")
        /// Records are not in sequence order.
        public static let reordered = Reason("records out of order")
        /// A record's previous hash is not the hash of the record before it.
        public static let chainBroken = Reason("previous hash does not match")
        /// The chain ends before the head it is known to have.
        public static let truncated = Reason("chain ends before its known head")
        /// The sealed payload does not open with the given key.
        public static let cannotOpen = Reason("cannot open the sealed payload")
        /// The payload inside opened but its device signature does not verify.
        public static let payloadSignatureInvalid = Reason("payload signature invalid")
        /// The opened payload is not a canonical payload.
        public static let malformedPayload = Reason("malformed payload")
        /// The manifest inside disagrees with the envelope outside.
        public static let manifestMismatch = Reason("manifest disagrees with envelope")
        /// A receipt names another record.
        public static let wrongRecord = Reason("receipt is for another record")
    }

    public let reason: Reason
    /// The sequence number concerned, when known.
    public let sequence: UInt64?
    /// Extra detail for logs (never personal data).
    public let detail: String

    public init(_ reason: Reason, sequence: UInt64? = nil, detail: String = "") {
        self.reason = reason
        self.sequence = sequence
        self.detail = detail
    }

    public var description: String {
        var text = reason.description
        if let sequence { text += " at sequence \(sequence)" }
        if !detail.isEmpty { text += ": \(detail)" }
        return text
    }
}
