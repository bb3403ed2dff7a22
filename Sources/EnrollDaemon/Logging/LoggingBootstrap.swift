#if canImport(Glibc)
import Glibc
#endif
import Logging
import Systemd

/// Chooses where log entries go and installs the handler, once per process.
public enum LoggingBootstrap {
    /// The journal identifier, what `journalctl -t enrolld` filters by.
    public static let identifier = "enrolld"

    /// Installs the handler for `settings`. With `auto`, the native journal protocol is
    /// used when systemd connected our stderr to the journal (`JOURNAL_STREAM` names
    /// stderr's device and inode, see systemd.exec(5)); otherwise plain stderr lines.
    public static func install(_ settings: DaemonConfiguration.Logging, environment: [String: String]) {
        let useJournal = switch settings.target {
        case .journal: true
        case .stderr: false
        case .auto: stderrIsJournal(environment["JOURNAL_STREAM"])
        }
        LoggingSystem.bootstrap { label in
            useJournal
                ? JournalLogHandler(label: label, identifier: identifier, socketPath: settings.journalSocket, level: settings.level)
                : StderrLogHandler(label: label, level: settings.level) as any LogHandler
        }
    }

    static func stderrIsJournal(_ stream: String?) -> Bool {
        guard let stream else { return false }
        let parts = stream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = Glibc.stat()
        guard fstat(2, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}
