import EnrollCore
import Logging
import ServiceLifecycle
import Store

/// Purges receipted records once their retention period has passed, at start and then
/// every `period`. Purging is cheap when nothing is due.
struct RetentionService: Service {
    let keeper: RecordKeeper
    let period: Duration
    let logger: Logger

    func run() async throws {
        // A service that returns would stop the whole group: without a store, just wait.
        guard let store = keeper.store else {
            try? await gracefulShutdown()
            return
        }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let now = RecordKeeper.unixMilliseconds()
                let purged = try await store.run { store in try store.purge(now: now) }
                if purged > 0 { logger.info("Purged \(purged) receipted record(s) past retention") }
            } catch {
                logger.warning("Purging receipted records failed; will retry: \(error)")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: period) }
        }
    }
}
