import EnrollCore
import Synchronization

extension RecordKeeper {
    /// The uploader found the central server ahead of the store (the database is older than
    /// the last upload). From now on admission refuses, like for a missing chain; the
    /// uploader has journalled it, the refusal's own entry follows at the next admission.
    func noteOlderDatabase(_ finding: OlderDatabase) {
        olderDatabase.withLock { $0 = $0 ?? finding }
    }
}
