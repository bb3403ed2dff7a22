/// Why a finger or the face is recorded as not captured, instead of forcing retries on a
/// person who cannot give it. Recorded in the record, with who approved it.
public struct CaptureException: Codable, Sendable, Equatable {
    /// The reason, from a fixed list so records can be counted and compared.
    public enum Reason: String, Codable, Sendable, CaseIterable {
        /// The finger is missing (amputation, congenital).
        case missing
        /// Bandaged or in a cast: may be captured at a later visit.
        case bandaged
        /// Injured or scarred so that no ridge detail can be captured.
        case injured
        /// Present but no capture reached the quality threshold within the attempts allowed.
        case unreadable
        /// The person declined this capture (recorded, never argued with).
        case declined
        /// Anything else; the note says what.
        case other
    }

    public var reason: Reason
    /// A short note from the operator; optional, never personal details.
    public var note: String?
    /// The supervisor who approved it; nil when no approval was required (unattended
    /// stations record `unreadable` after the attempts are used up).
    public var approvedBy: String?

    public init(reason: Reason, note: String? = nil, approvedBy: String? = nil) {
        self.reason = reason
        self.note = note
        self.approvedBy = approvedBy
    }
}
