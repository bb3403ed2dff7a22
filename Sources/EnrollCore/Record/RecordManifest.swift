/// What a finished enrollment says about itself: ids, chain position, times, operator,
/// consent, the subject fields the policy asks for, capture quality and exceptions, and
/// the duplicate check. Binary parts (images, templates) travel beside it in the payload.
///
/// Encoded in exactly one canonical byte form (`RecordManifest+Encoding.swift`,
/// docs/record-format.md), which is what the device signs.
public struct RecordManifest: Sendable, Equatable {
    /// The manifest format version this build writes.
    public static let formatVersion: UInt16 = 1

    public var recordID: RecordID
    /// The kiosk's id: the first 16 bytes of SHA-256 of its Ed25519 public key.
    public var deviceID: [UInt8]
    /// 1 for the device's first record, then +1 per record, no gaps.
    public var sequence: UInt64
    /// SHA-256 of the previous record's envelope; 32 zero bytes for sequence 1.
    public var previousHash: [UInt8]
    /// When the capture session started, Unix milliseconds.
    public var capturedAt: Int64
    /// When the record was built for commit, Unix milliseconds.
    public var committedAt: Int64
    /// The operator's account id (staff, not the subject).
    public var operatorID: String
    public var consent: Consent
    /// The subject fields the policy asks for, sorted by name, names unique.
    public var subjectFields: [SubjectField]
    /// One entry per finger the policy asks for, sorted by position, positions unique.
    public var fingers: [FingerEntry]
    public var face: FaceEntry?
    public var duplicateCheck: DuplicateCheck

    public init(
        recordID: RecordID, deviceID: [UInt8], sequence: UInt64, previousHash: [UInt8],
        capturedAt: Int64, committedAt: Int64, operatorID: String, consent: Consent,
        subjectFields: [SubjectField], fingers: [FingerEntry], face: FaceEntry?, duplicateCheck: DuplicateCheck
    ) {
        self.recordID = recordID
        self.deviceID = deviceID
        self.sequence = sequence
        self.previousHash = previousHash
        self.capturedAt = capturedAt
        self.committedAt = committedAt
        self.operatorID = operatorID
        self.consent = consent
        self.subjectFields = subjectFields
        self.fingers = fingers
        self.face = face
        self.duplicateCheck = duplicateCheck
    }

    /// The consent shown and the subject's answer.
    public struct Consent: Sendable, Equatable {
        /// Which text was shown, e.g. "2026-03-de".
        public var textVersion: String
        public var answer: Answer

        public enum Answer: UInt8, Sendable {
            case granted = 1
            case refused = 2
            /// A guardian answered for a minor.
            case grantedByGuardian = 3
        }

        public init(textVersion: String, answer: Answer) {
            self.textVersion = textVersion
            self.answer = answer
        }
    }

    /// One policy-requested subject field. Values are personal data: they exist only
    /// inside the sealed payload, never in logs or the envelope.
    public struct SubjectField: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Why a finger or the face was not captured, instead of forcing retries.
    public enum Exception: UInt8, Sendable {
        /// Code 1: the finger is missing, whether amputated or absent from birth. The
        /// case keeps its first name; `missing` says what it means.
        case amputated = 1
        case bandaged = 2
        case scarred = 3
        case unableToCapture = 4
        case declined = 5

        /// Code 1 by what it records: a finger that is not there, lost or from birth.
        public static var missing: Exception { .amputated }
    }

    /// A finger by ISO/IEC 19794-4 position (1 right thumb … 10 left little).
    public struct FingerEntry: Sendable, Equatable {
        public var position: UInt8
        /// NFIQ 2-style score 0…100; nil when the finger is an exception.
        public var quality: UInt8?
        public var exception: Exception?
        public init(position: UInt8, quality: UInt8?, exception: Exception?) {
            self.position = position
            self.quality = quality
            self.exception = exception
        }
    }

    /// The face token image's quality (0…100) or why it is missing.
    public struct FaceEntry: Sendable, Equatable {
        public var quality: UInt8?
        public var exception: Exception?
        public init(quality: UInt8?, exception: Exception?) {
            self.quality = quality
            self.exception = exception
        }
    }

    /// The on-device duplicate check's candidates and the operator's decision.
    public struct DuplicateCheck: Sendable, Equatable {
        public var candidates: [Candidate]
        public var decision: Decision

        public enum Decision: UInt8, Sendable {
            case noCandidates = 1
            case operatorConfirmedNew = 2
            case operatorConfirmedDuplicate = 3
            case notChecked = 4
        }

        /// A gallery entry that matched, by its record id, with the matcher's score.
        public struct Candidate: Sendable, Equatable {
            public var recordID: RecordID
            public var score: UInt32
            public init(recordID: RecordID, score: UInt32) {
                self.recordID = recordID
                self.score = score
            }
        }

        public init(candidates: [Candidate], decision: Decision) {
            self.candidates = candidates
            self.decision = decision
        }
    }
}
