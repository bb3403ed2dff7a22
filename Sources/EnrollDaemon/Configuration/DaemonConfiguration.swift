import Logging

/// Everything enrolld reads from `/etc/enrolld/enrolld.yaml`. Every key has a default;
/// `config/enrolld.yaml` documents each one and a test keeps it equal to these defaults.
public struct DaemonConfiguration: Sendable, Equatable {
    /// The schema version this build reads; a file must say `version: 1`.
    public static let schemaVersion = 1

    public var daemon = Daemon()
    public var api = API()
    public var logging = Logging()
    public var storage = Storage()
    public var central = Central()
    /// What face capture asks of a camera.
    public var camera = Camera()
    public var fingerprint = Fingerprint()
    /// Capture quality thresholds for fingers and faces.
    public var quality = Quality()
    /// The on-device duplicate check (DaemonConfiguration+Matching.swift).
    public var matching = MatchingSettings()
    /// What an enrollment collects and how patiently (DaemonConfiguration+Sessions.swift).
    public var session = Session()
    /// Roles on the socket, logins on loopback (DaemonConfiguration+Sessions.swift).
    public var access = Access()
    /// What the kiosk page shows (DaemonConfiguration+Kiosk.swift).
    public var kiosk = Kiosk()

    public init() {}

    /// Where the daemon keeps its state and how long it may take to stop.
    public struct Daemon: Sendable, Equatable {
        /// Outbox, keys and gallery live here (systemd's `StateDirectory=`).
        public var stateDirectory = "/var/lib/enrolld"
        /// Sockets and the lock live here (systemd's `RuntimeDirectory=`).
        public var runtimeDirectory = "/run/enrolld"
        /// The longest a graceful shut-down may take before the daemon exits anyway;
        /// keep it below the unit's `TimeoutStopSec=`.
        public var shutdownTimeoutSeconds = 10
    }

    /// The local API's two listeners.
    public struct API: Sendable, Equatable {
        /// The Unix socket `enrollctl` and local tools use.
        public var socketPath = "/run/enrolld/api.sock"
        /// Its permission bits; never any for "other".
        public var socketMode: UInt32 = 0o660
        /// Its group, so members may use `enrollctl`; empty keeps the daemon's own group.
        public var socketGroup = "enrolld"
        /// Whether to serve the kiosk UI and `/metrics` on loopback TCP.
        public var httpEnabled = true
        /// Loopback only: the API must not be reachable from the network.
        public var httpHost = "127.0.0.1"
        public var httpPort = 8470
        /// The kiosk web UI's files, served on the loopback listener at `/`.
        public var kioskDirectory = "/usr/share/enrolld/kiosk"
        /// Seconds before an idle connection (no request in progress) is closed.
        public var idleTimeoutSeconds = 30
        public var maximumConnections = 64
    }

    /// Where log entries go.
    public struct Logging: Sendable, Equatable {
        /// Where to write: the journal's native protocol, or stderr lines.
        public enum Target: String, Sendable, CaseIterable {
            /// The journal when systemd started us (`JOURNAL_STREAM` matches stderr), else stderr.
            case auto
            case journal
            case stderr
        }

        public var level: Logger.Level = .info
        public var target: Target = .auto
        /// journald's native socket; tests point it at a socket of their own.
        public var journalSocket = "/run/systemd/journal/socket"
    }

    /// Limits of the record outbox.
    public struct Storage: Sendable, Equatable {
        /// New sessions are refused once the queued records take this many MiB.
        public var maximumQueueMiB = 2048
        /// New sessions are refused when free space on the state disk would drop below this.
        public var minimumFreeMiB = 512
        /// How long a record stays after the central server's receipt, then it is purged.
        public var retentionHours = 168
        /// How long an audit entry stays on the kiosk once the central server acknowledged
        /// holding it (the centre keeps the trail); entries it lacks are never let go.
        public var auditRetentionDays = 90

        public var maximumQueueBytes: Int { maximumQueueMiB << 20 }
        public var minimumFreeBytes: Int { minimumFreeMiB << 20 }
        public var retentionMilliseconds: Int64 { Int64(retentionHours) * 3_600_000 }
        public var auditRetentionMilliseconds: Int64 { Int64(auditRetentionDays) * 86_400_000 }
    }

    /// The central server's public keys. Empty: not configured yet, so nothing can be
    /// sealed and capture is refused.
    public struct Central: Sendable, Equatable {
        /// X25519 public key records are sealed to (HPKE), 64 hex digits.
        public var sealingPublicKey = ""
        /// Ed25519 public key the server signs receipts with, 64 hex digits.
        public var receiptPublicKey = ""
        public var otherReceiptPublicKey = ""
        /// The receiver's base URL (https://host:port); empty: records stay queued.
        public var url = ""
        /// CA certificate (PEM) the server's certificate must chain to.
        public var caFile = ""
        /// The kiosk's TLS client certificate and key (PEM).
        public var clientCertificate = ""
        public var clientKey = ""
        /// Most records, and most MiB of envelopes, per upload.
        public var batchRecords = 50
        public var batchMiB = 8
        public var connectTimeoutSeconds = 10
        public var readTimeoutSeconds = 60
        /// Back-off after a failure: first pause and longest pause.
        public var retryInitialSeconds = 2
        public var retryMaximumSeconds = 300
        /// How often an idle uploader asks the server for this kiosk's chain head again: how
        /// soon a central server restored from an older backup is noticed while nothing is
        /// pending, and how fresh the confirmed head is that lets receipted records be purged.
        public var headCheckMinutes = 15
    }

    /// Fingerprint readers (libfprint).
    public struct Fingerprint: Sendable, Equatable {
        /// How long each wait for a finger may last before the operation ends as timed out.
        public var fingerTimeoutSeconds = 30
        /// The least rest of a reader that said "too hot" before it is tried again.
        public var coolDownSeconds = 120
        /// Serve only libfprint's `virtual_image` reader, fed on this socket (demo and tests);
        /// empty means real readers.
        public var virtualImageSocket = ""
    }
}
