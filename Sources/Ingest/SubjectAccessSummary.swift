import EnrollCore
import Foundation

/// What the centre holds about one person, from their opened record, as a subject-access
/// copy gives it to them: when and where they were enrolled, their consent, the details
/// they gave, which fingers were taken or not and why, the photograph, the quality scores.
/// Templates are counted, never copied (a person cannot read them). Pure: built from the
/// record; `SubjectAccessFolder` writes it out.
public struct SubjectAccessSummary: Encodable, Sendable, Equatable {
    public struct Kiosk: Encodable, Sendable, Equatable {
        public let device_id: String
        /// The label it was registered with; nil when it has none.
        public let label: String?
    }

    public struct Consent: Encodable, Sendable, Equatable {
        public let text_version: String
        /// `granted`, `granted_by_guardian` or `refused`.
        public let answer: String
        /// The text's language when the version names it (`2026-11-en`); nil otherwise.
        public let language: String?
        public let explanation: String
    }

    public struct Detail: Encodable, Sendable, Equatable {
        public let name: String
        public let value: String
    }

    public struct Finger: Encodable, Sendable, Equatable {
        /// ISO/IEC 19794-4 position 1…10.
        public let position: Int
        /// `right_index`, … (the kiosk's names).
        public let finger: String
        public let captured: Bool
        /// 0…100, nil when not captured or not scored.
        public let quality: Int?
        /// Why it was not captured, in words (nil when captured).
        public let reason_not_captured: String?
        /// This copy's file with the fingerprint image, when included.
        public let image_file: String?
    }

    public struct Photo: Encodable, Sendable, Equatable {
        public let held: Bool
        public let quality: Int?
        public let reason_not_taken: String?
        /// This copy's file with the photograph, when one is held.
        public let file: String?
    }

    public struct Templates: Encodable, Sendable, Equatable {
        public let held: Int
        public let fingers: [String]
        public let explanation: String
    }

    public struct FingerImages: Encodable, Sendable, Equatable {
        public let held: Int
        public let fingers: [String]
        public let included: Bool
        public let explanation: String
    }

    public let record_id: String
    public let short_reference: String
    public let kiosk: Kiosk
    public let chain_position: UInt64
    public let session_started_at: String
    public let enrolled_at: String
    public let received_at: String
    public let consent: Consent
    public let details: [Detail]
    public let fingers: [Finger]
    public let photo: Photo
    public let finger_images: FingerImages
    public let templates: Templates
    public let duplicate_check: String
    /// What the record holds that this copy leaves out, and why.
    public let not_in_this_copy: [String]
    public let copy_made_at: String

    /// The language of the text and of the explanations in the JSON (its keys and codes are
    /// the same in every language).
    public let language: SubjectAccessLanguage
    /// The zone of the text's times (the JSON's stay UTC, for machines).
    public let timeZone: TimeZone
    /// The moments above in milliseconds, for the text to write in its language.
    let moments: Moments

    struct Moments: Sendable, Equatable {
        let sessionStarted: Int64
        let enrolled: Int64
        let received: Int64
        let copyMade: Int64
    }

    /// The JSON's keys: the same whatever the language.
    enum CodingKeys: String, CodingKey {
        case record_id, short_reference, kiosk, chain_position, session_started_at, enrolled_at, received_at, consent, details
        case fingers, photo, finger_images, templates, duplicate_check, not_in_this_copy, copy_made_at
    }
}
