/// The receiver's JSON answer to a batch: one result per envelope, in the order sent, and
/// the device's chain head after the batch. Shared by enroll-ingest and the uploader.
public struct IngestReply: Codable, Sendable, Equatable {
    /// What became of one envelope.
    public enum Status: String, Codable, Sendable {
        /// Stored now.
        case stored
        /// Stored before with the same digest: counts as success, a fresh receipt is attached.
        case duplicate
        /// Not stored; `error` says why.
        case rejected
    }

    public struct Result: Codable, Sendable, Equatable {
        public var recordID: String
        public var sequence: UInt64
        public var status: Status
        /// Base64 of the 158-byte receipt, for stored and duplicate records.
        public var receipt: String?
        /// Why a record was rejected (a fixed vocabulary, see docs/sync-protocol.md).
        public var error: String?
        /// For a gap: the sequence the receiver expects next from this device.
        public var expectedSequence: UInt64?

        public init(recordID: String, sequence: UInt64, status: Status, receipt: String? = nil, error: String? = nil, expectedSequence: UInt64? = nil) {
            self.recordID = recordID
            self.sequence = sequence
            self.status = status
            self.receipt = receipt
            self.error = error
            self.expectedSequence = expectedSequence
        }

        enum CodingKeys: String, CodingKey {
            case recordID = "record_id", sequence, status, receipt, error
            case expectedSequence = "expected_sequence"
        }
    }

    public var results: [Result]
    public var headSequence: UInt64
    /// Hex of the head record's envelope hash.
    public var headHash: String

    public init(results: [Result], headSequence: UInt64, headHash: String) {
        self.results = results
        self.headSequence = headSequence
        self.headHash = headHash
    }

    enum CodingKeys: String, CodingKey {
        case results
        case headSequence = "head_sequence"
        case headHash = "head_hash"
    }
}
