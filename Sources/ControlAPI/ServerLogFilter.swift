import Logging

/// Hummingbird logs two errors on every clean stop (the listener's accept loop ends with a
/// CancellationError; the quiescing close finds the channel already closed). Technicians
/// are told to read `journalctl -u enrolld -p err`, so errors there must be real: these two
/// are demoted to debug, everything else passes unchanged.
struct ServerLogFilter: LogHandler {
    var wrapped: any LogHandler

    init(wrapping wrapped: any LogHandler) {
        self.wrapped = wrapped
    }

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        guard event.level == .error, Self.isShutdownNoise(event.message.description) else {
            wrapped.log(event: event)
            return
        }
        guard wrapped.logLevel <= .debug else { return }
        var quiet = event
        quiet.level = .debug
        wrapped.log(event: quiet)
    }

    static func isShutdownNoise(_ message: String) -> Bool {
        (message.hasPrefix("Waiting on child channel: ") && message.contains("CancellationError"))
            || message == "Server shutdown error: Already closed"
            || (message.hasPrefix("Server shutdown error: ") && message.contains("alreadyClosed"))
    }
}
