import EnrollCore
import EventLog
import Logging
import Store
import Trust

extension RecordKeeper {
    /// Compares the opened store's chain head with the witness beside it (`ChainWitness`),
    /// journals what it finds, and says whether the store may take records. A database that
    /// lost committed records (a torn WAL, a deleted WAL, an older copy put back) looks sound
    /// to every other check: only the witness remembers what people were told was saved.
    static func witnessState(store: StoreThread, deviceKey: DeviceKey, logger: Logger) async -> StoreState {
        let deviceID = deviceKey.deviceID
        let checked = await store.run { store in Result { () throws(StoreError) in try store.checkWitness(deviceID: deviceID) } }
        let path = String(store.path.dropLast(RecordStore.fileName.count)) + RecordStore.witnessFileName
        switch checked {
        case .success(.created), .success(.consistent):
            return .open(store)
        case .success(.createdForExistingChain(let head)):
            logger.log(.chainWitnessCreated, "No chain witness beside a database with records (head \(head)); created one from the database",
                       metadata: ["chain.database_head": "\(head)"])
            return .open(store)
        case .success(.replacedOtherDevice):
            logger.log(.chainWitnessCreated, "The chain witness belonged to another device key; replaced it for this one",
                       metadata: ["device.key_id": "\(Hex.encode(deviceID))"])
            return .open(store)
        case .success(.recordsLost(let finding)):
            var metadata: Logger.Metadata = [:]
            if case .recordsLost(let lost, let head, let receipted) = finding {
                metadata = ["chain.lost_from": "\(lost.lowerBound)", "chain.lost_through": "\(lost.upperBound)",
                            "chain.database_head": "\(head)", "chain.receipted_through": "\(receipted)"]
            }
            logger.log(.recordsLostFromDatabase, "Enrollments are refused: \(finding)", metadata: metadata)
            return .witnessMismatch(store, .lost(finding))
        case .failure(let error):
            logger.log(.chainWitnessUnreadable, "Enrollments are refused: \(error)", metadata: [LogKey.error: "\(error)", LogKey.path: "\(path)"])
            return .witnessMismatch(store, .unreadable(error.description))
        }
    }
}
