import EnrollCore
import EventLog

/// Why the chain witness stops enrollments at start (`RecordKeeper.StoreState.witnessMismatch`).
enum WitnessProblem: Sendable, Equatable {
    /// The database lost committed records.
    case lost(WitnessFinding)
    /// The witness file exists but is no witness (truncated, garbage, too large, a symlink,
    /// not a regular file): nobody can tell whether records were lost.
    case unreadable(String)

    /// What admission answers, and `enrollctl queue` shows.
    var reason: String {
        switch self {
        case .lost(let finding):
            "\(finding); see the journal (keep the files for central IT, restore from a backup if there is one)"
        case .unreadable(let why):
            "the chain witness cannot be read (\(why)), so nobody can tell whether records were lost; see the journal"
        }
    }

    /// The catalogued event that explains it.
    var event: CatalogEvent {
        switch self {
        case .lost: .recordsLostFromDatabase
        case .unreadable: .chainWitnessUnreadable
        }
    }
}
