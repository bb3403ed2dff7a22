/// The session's 1:N duplicate check, behind a protocol so the session does not depend on
/// how the gallery is indexed or where it is kept.
///
/// The gallery holds the people enrolled at this kiosk, records not yet synced, and any
/// signed bundle imported from the central server.
public protocol DuplicateSearching: Sendable {
    /// Earlier enrollments that may be this person, fused over the fingers given, best
    /// first, at most `limit`; only those at or above the configured threshold.
    func candidates(for probes: [FingerPosition: PrintTemplate], limit: Int) async throws -> [DuplicateCandidate]

    /// Adds a committed record's templates, so the next session already finds them.
    func insert(recordID: String, templates: [FingerPosition: PrintTemplate]) async throws
}
