import EventLog
import Foundation
import Logging
import Store
import Trust

extension RecordKeeper {
    /// Why no new, empty database may be created in `directory`, or nil. A kiosk's records
    /// form one chain per device key, which the central server checks: a database that is
    /// gone (kept aside as damaged, deleted, lost with a disk) while the key stays would
    /// restart that chain at 1, and the server would refuse every new record as a
    /// sequence already taken, silently, for ever. Either the database comes back, or the
    /// kiosk becomes a new device with a new key; that is the technician's decision.
    static func missingChain(directory: String, deviceKeyExisted: Bool) -> String? {
        guard deviceKeyExisted, !FileManager.default.fileExists(atPath: directory + "/" + RecordStore.fileName) else { return nil }
        let damaged = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/damaged")) ?? []
        let whereFrom = damaged.isEmpty ? "a backup" : "\(directory)/damaged/\(damaged.sorted().last ?? "")"
        // Only a copy at least as new as the last upload continues the chain: an older one
        // forks it, which the uploader then catches (RecordKeeper.olderDatabase).
        return "the record database is missing while this kiosk's device key exists; restore \(RecordStore.fileName) from "
            + "\(whereFrom) (only a copy at least as new as the last upload), or start as a new device by moving "
            + "\(DeviceKey.fileName) away as well and registering the new key"
    }

    /// Opens the store on its thread and checks the outbox's chain.
    static func openStore(directory: String, limits: RecordStore.Limits, deviceKey: DeviceKey?, logger: Logger) async -> StoreState {
        do {
            let store = try await StoreThread.open(directory: directory, limits: limits)
            if let deviceKey, let problem = await store.run({ store in OutboxCheck.problem(in: store, deviceKey: deviceKey) }) {
                logger.log(.outboxChainBroken, "A record in the outbox does not verify (\(problem)); enrollments are refused",
                           metadata: [LogKey.error: "\(problem)", LogKey.path: "\(store.path)"])
                return .chainBroken(store, problem)
            }
            if let deviceKey { return await witnessState(store: store, deviceKey: deviceKey, logger: logger) }
            return .open(store)
        } catch where error.isDamaged {
            let kept = error.damagedCopyPath ?? directory
            logger.log(.storageDamaged, "The record database failed its integrity check and was kept at \(kept); enrollments are refused",
                       metadata: [LogKey.path: "\(kept)", LogKey.error: "\(error)"])
            return .damaged(keptAt: kept)
        } catch {
            logger.log(.storageUnavailable, "Cannot open the record database: \(error)", metadata: [LogKey.error: "\(error)", LogKey.path: "\(directory)"])
            return .unavailable(error.description)
        }
    }
}
