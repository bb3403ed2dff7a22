@testable import ControlAPI
import Logging
import Synchronization
import Testing

/// Hummingbird's two shutdown errors are demoted; every other error passes as it was.
@Suite struct ServerLogFilterTests {
    final class Collected: LogHandler, @unchecked Sendable {
        // @unchecked: `entries` is only touched under the mutex.
        let entries = Mutex<[(Logger.Level, String)]>([])
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level
        init(level: Logger.Level) { logLevel = level }
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) { entries.withLock { $0.append((event.level, event.message.description)) } }
    }

    func logger(_ collected: Collected) -> Logger {
        Logger(label: "enrolld.api") { _ in ServerLogFilter(wrapping: collected) }
    }

    @Test func shutdownChatterIsDebugNotError() {
        let atInfo = Collected(level: .info)
        let api = logger(atInfo)
        api.error("Waiting on child channel: CancellationError()")
        api.error("Server shutdown error: Already closed")
        api.error("Waiting on child channel: connection reset by peer")
        api.error("Server could not bind: address in use")
        #expect(atInfo.entries.withLock { $0.map(\.1) } == ["Waiting on child channel: connection reset by peer", "Server could not bind: address in use"])
        #expect(atInfo.entries.withLock { $0.allSatisfy { $0.0 == .error } })

        let atDebug = Collected(level: .debug)
        logger(atDebug).error("Waiting on child channel: CancellationError()")
        #expect(atDebug.entries.withLock { $0.map(\.0) } == [.debug], "kept for whoever debugs, at debug")
    }
}
