/// Why a finger or the face is recorded as not captured, instead of forcing retries on a
/// person who cannot give it. Recorded in the record, with who approved it. A reason from
/// the fixed list and nothing else: no free text that could carry a person's details.
public struct CaptureException: Codable, Sendable, Equatable {
    /// The reason, from a fixed list so records can be counted and compared.
    public enum Reason: String, Codable, Sendable, CaseIterable {
        /// The finger is not there: lost, or never there from birth.
        case missing
        /// Bandaged or in a cast: may be captured at a later visit.
        case bandaged
        /// Injured or scarred so that no ridge detail can be captured.
        case injured
        /// Present but no capture reached the quality threshold within the attempts allowed.
        case unreadable
        /// The person declined this capture (recorded, never argued with).
        case declined
        /// Anything else (recorded as "unable to capture").
        case other
    }

    public var reason: Reason
    /// The supervisor who approved it; nil when no approval was required (unattended
    /// stations record `unreadable` after the attempts are used up).
    public var approvedBy: String?

    public init(reason: Reason, approvedBy: String? = nil) {
        self.reason = reason
        self.approvedBy = approvedBy
    }
}
