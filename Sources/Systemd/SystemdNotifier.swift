import Logging

/// Speaks the systemd notify protocol to the socket named by `NOTIFY_SOCKET`.
///
/// Silent when the variable is unset (started from a terminal, or by a test that does not
/// listen), so callers never need to ask whether systemd is there.
public struct SystemdNotifier: Sendable {
    private let sender: UnixDatagramSender?
    private let logger: Logger

    /// Reads `NOTIFY_SOCKET` from `environment`.
    public init(environment: [String: String], logger: Logger) {
        self.sender = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : UnixDatagramSender(path: $0) }
        self.logger = logger
    }

    /// Whether a notify socket was given.
    public var isEnabled: Bool { sender != nil }

    /// Sends the states in one datagram. A failure is logged at debug level only: the
    /// watchdog firing is the signal systemd acts on, and a log line per ping would flood.
    public func notify(_ states: NotifyState...) {
        guard let sender else { return }
        let text = states.map(\.assignment).joined(separator: "\n")
        do {
            try sender.send(Array(text.utf8))
        } catch {
            logger.debug("notify socket send failed", metadata: ["error": "\(error)"])
        }
    }
}
