/// One assignment of the systemd notify protocol (`sd_notify(3)`).
public enum NotifyState: Sendable, Equatable {
    /// Start-up is finished: storage is open and devices are enumerated.
    case ready
    /// Graceful shut-down has begun.
    case stopping
    /// A sentence for `systemctl status`.
    case status(String)
    /// The service is alive; systemd restarts it when these stop arriving.
    case watchdog

    var assignment: String {
        switch self {
        case .ready: "READY=1"
        case .stopping: "STOPPING=1"
        // The protocol is newline-separated: a newline in a status would start a new key.
        case .status(let text): "STATUS=" + text.split(whereSeparator: \.isNewline).joined(separator: " ")
        case .watchdog: "WATCHDOG=1"
        }
    }
}
