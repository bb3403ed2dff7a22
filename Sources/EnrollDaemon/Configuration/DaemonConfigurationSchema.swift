import Foundation
import Logging
import Yams

/// The file's keys, read into `DaemonConfiguration`. The code that reads a key is the only
/// declaration of it: unknown keys are whatever this did not read.
enum DaemonConfigurationSchema {
    static func read(_ document: Node?, reader: ConfigurationReader, base: String) -> DaemonConfiguration {
        var configuration = DaemonConfiguration()
        let root = reader.root(document)
        readVersion(root, reader: reader)

        let daemon = reader.section(in: root, "daemon")
        configuration.daemon.stateDirectory = daemon.path("state_directory", default: configuration.daemon.stateDirectory, base: base)
        configuration.daemon.runtimeDirectory = daemon.path("runtime_directory", default: configuration.daemon.runtimeDirectory, base: base)
        configuration.daemon.shutdownTimeoutSeconds = daemon.integer("shutdown_timeout_seconds", default: configuration.daemon.shutdownTimeoutSeconds, range: 1...60)
        daemon.finish()

        let api = reader.section(in: root, "api")
        configuration.api.socketPath = api.path("socket", default: configuration.api.socketPath, base: base, maximumBytes: 107)
        configuration.api.socketMode = api.fileMode("socket_mode", default: configuration.api.socketMode)
        configuration.api.socketGroup = api.string("socket_group", default: configuration.api.socketGroup)
        configuration.api.httpEnabled = api.boolean("http_enabled", default: configuration.api.httpEnabled)
        configuration.api.httpHost = api.string("http_host", default: configuration.api.httpHost) { host in
            ["127.0.0.1", "::1", "localhost"].contains(host) ? nil
                : "expected a loopback address (127.0.0.1, ::1 or localhost) so the API is not reachable from the network, found \"\(host)\""
        }
        configuration.api.httpPort = api.integer("http_port", default: configuration.api.httpPort, range: 1...65535)
        configuration.api.kioskDirectory = api.path("kiosk_directory", default: configuration.api.kioskDirectory, base: base)
        configuration.api.idleTimeoutSeconds = api.integer("idle_timeout_seconds", default: configuration.api.idleTimeoutSeconds, range: 1...3600)
        configuration.api.maximumConnections = api.integer("max_connections", default: configuration.api.maximumConnections, range: 8...4096)
        api.finish()

        let logging = reader.section(in: root, "logging")
        configuration.logging.level = logging.choice("level", default: configuration.logging.level, [
            "trace": .trace, "debug": .debug, "info": .info, "notice": .notice,
            "warning": .warning, "error": .error, "critical": .critical,
        ])
        configuration.logging.target = logging.choice("target", default: configuration.logging.target, [
            "auto": .auto, "journal": .journal, "stderr": .stderr,
        ])
        configuration.logging.journalSocket = logging.path("journal_socket", default: configuration.logging.journalSocket, base: base, maximumBytes: 107)
        logging.finish()

        let storage = reader.section(in: root, "storage")
        configuration.storage.maximumQueueMiB = storage.integer("max_queue_mib", default: configuration.storage.maximumQueueMiB, range: 1...1_048_576)
        configuration.storage.minimumFreeMiB = storage.integer("min_free_mib", default: configuration.storage.minimumFreeMiB, range: 0...1_048_576)
        configuration.storage.retentionHours = storage.integer("retention_hours", default: configuration.storage.retentionHours, range: 0...87_600)
        configuration.storage.auditRetentionDays = storage.integer("audit_retention_days", default: configuration.storage.auditRetentionDays, range: 0...36_500)
        storage.finish()

        let central = reader.section(in: root, "central")
        configuration.central.sealingPublicKey = central.string("sealing_public_key", default: configuration.central.sealingPublicKey, check: hexKey)
        configuration.central.receiptPublicKey = central.string("receipt_public_key", default: configuration.central.receiptPublicKey, check: hexKey)
        configuration.central.otherReceiptPublicKey = central.string("other_receipt_public_key", default: configuration.central.otherReceiptPublicKey, check: hexKey)
        readSync(central, into: &configuration.central, base: base)
        central.finish()

        let camera = reader.section(in: root, "camera")
        configuration.camera.minimumWidth = camera.integer("minimum_width", default: configuration.camera.minimumWidth, range: 160...8192)
        configuration.camera.minimumHeight = camera.integer("minimum_height", default: configuration.camera.minimumHeight, range: 120...8192)
        configuration.camera.preferredWidth = camera.integer("preferred_width", default: configuration.camera.preferredWidth, range: 160...8192)
        configuration.camera.preferredHeight = camera.integer("preferred_height", default: configuration.camera.preferredHeight, range: 120...8192)
        configuration.camera.framesPerSecond = camera.integer("frames_per_second", default: configuration.camera.framesPerSecond, range: 1...120)
        camera.finish()

        let fingerprint = reader.section(in: root, "fingerprint")
        configuration.fingerprint.fingerTimeoutSeconds = fingerprint.integer(
            "finger_timeout_seconds", default: configuration.fingerprint.fingerTimeoutSeconds, range: 1...600)
        configuration.fingerprint.coolDownSeconds = fingerprint.integer(
            "cool_down_seconds", default: configuration.fingerprint.coolDownSeconds, range: 5...3600)
        // Empty (the default) means real readers; a path is a socket, so at most 107 bytes.
        let virtualSocket = fingerprint.string("virtual_image_socket", default: "")
        if !virtualSocket.isEmpty {
            configuration.fingerprint.virtualImageSocket = fingerprint.path(
                "virtual_image_socket", default: "", base: base, maximumBytes: 107, reread: virtualSocket)
        }
        fingerprint.finish()

        readQuality(root, reader: reader, base: base, into: &configuration)
        readMatching(reader.section(in: root, "matching"), into: &configuration.matching)
        readSessionAndAccess(root, reader: reader, into: &configuration, base: base)
        readKiosk(root, reader: reader, into: &configuration)

        root.finish()
        return configuration
    }

    /// A 32-byte public key as 64 hex digits, or empty for "not configured".
    private static func hexKey(_ text: String) -> String? {
        text.isEmpty || (text.utf8.count == 64 && text.allSatisfy(\.isHexDigit)) ? nil
            : "expected 64 hex digits (a 32-byte public key) or \"\", found \(text.utf8.count) characters"
    }

    private static func readVersion(_ root: ConfigurationSection, reader: ConfigurationReader) {
        let expected = DaemonConfiguration.schemaVersion
        // A top level that is not a mapping was reported already; a missing key would be noise.
        if let node = root.node, case .mapping = node {} else if root.node != nil { return }
        guard let node = root.take("version") else {
            reader.report(root.node, "version", "required key is missing (add \"version: \(expected)\" at the top)")
            return
        }
        guard case .integer(let found) = YAMLValue(node), found == expected else {
            reader.report(node, "version", "expected \(expected) (the configuration version this enrolld reads), found \(YAMLValue(node).found)")
            return
        }
    }
}

extension ConfigurationSection {
    /// A file system path; relative paths are resolved against `base`. Unix socket paths
    /// have a hard length limit (`sun_path`), checked here rather than at bind time.
    func path(_ key: String, default value: String, base: String, maximumBytes: Int = 4095, reread: String? = nil) -> String {
        let text = reread ?? string(key, default: value) { text in
            text.isEmpty ? "expected a path, found an empty string"
                : text.contains("\0") ? "a path cannot contain a NUL character" : nil
        }
        let resolved = text.hasPrefix("/") ? text : URL(fileURLWithPath: base).appendingPathComponent(text).standardizedFileURL.path
        if resolved.utf8.count > maximumBytes {
            reportProblem(take(key), path(key), "expected a path of at most \(maximumBytes) bytes, found one of \(resolved.utf8.count) bytes")
            return value
        }
        return resolved
    }
}
