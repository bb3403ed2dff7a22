import EventLog
import Synchronization

extension RecordKeeper {
    /// The catalogued event that explains the current refusal, so `journalctl -x` sends the
    /// technician to the cause: configuration, a damaged database, a broken chain, or a
    /// full queue or disk.
    var refusalEvent: CatalogEvent {
        switch storeState {
        case .damaged: .storageDamaged
        case .unavailable: .storageUnavailable
        case .chainBroken: .outboxChainBroken
        case .witnessMismatch(_, let problem): olderDatabase.withLock({ $0 != nil }) ? .databaseOlderThanServer : problem.event
        case .chainMissing: .recordChainMissing
        case .open where olderDatabase.withLock({ $0 != nil }): .databaseOlderThanServer
        case .open: sealer == nil ? .centralKeysMissing : .queueAtCapacity
        }
    }
}
