import Access
import Logging
import Store

/// Station logins kept in the Store between daemon runs (hashes only, docs/sessions.md).
/// Without a store (damaged, unopenable) they live in memory alone, as before; a write
/// that fails is logged and leaves the login working until the next restart. The store's
/// work runs on its thread; `restore`, synchronous at start-up, waits for it there.
struct StoreStationLogins: StationLoginKeeping {
    let store: StoreThread?
    let logger: Logger

    func restore(stationID: String, keyFingerprint: [UInt8]?) -> [[UInt8]] {
        guard let store else { return [] }
        do {
            let kept = try store.runBlocking { store in try store.keepStationLogins(stationID: stationID, keyFingerprint: keyFingerprint) }
            if !kept.isEmpty { logger.info("Station logins restored from the last run", metadata: ["logins": "\(kept.count)"]) }
            return kept.map(\.tokenHash)
        } catch {
            logger.warning("The kept station logins could not be read; stations sign in again", metadata: ["error": "\(error)"])
            return []
        }
    }

    func save(tokenHash: [UInt8], stationID: String, keyFingerprint: [UInt8]) async {
        guard let store else { return }
        let login = StoredStationLogin(tokenHash: tokenHash, stationID: stationID, keyFingerprint: keyFingerprint,
                                       createdAt: RecordKeeper.unixMilliseconds())
        do {
            try await store.run { store in try store.saveStationLogin(login) }
        } catch {
            logger.warning("A station login could not be kept; it ends at the next restart", metadata: ["error": "\(error)"])
        }
    }

    func remove(tokenHash: [UInt8]) async {
        guard let store else { return }
        do {
            try await store.run { store in try store.deleteStationLogin(tokenHash: tokenHash) }
        } catch {
            logger.warning("A signed-out station login could not be forgotten", metadata: ["error": "\(error)"])
        }
    }

    func removeAll(by actor: String) async throws -> Int {
        guard let store else { return 0 }
        let now = RecordKeeper.unixMilliseconds()
        return try await store.run { store in try store.deleteStationLogins(by: actor, at: now) }
    }
}
