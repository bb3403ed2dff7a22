import Foundation
import Logging
import Testing
import TestSupport
@testable import EnrollDaemon

/// Good files, defaults, and the shipped samples.
@Suite struct ConfigurationTests {
    @Test func missingFileMeansDefaults() throws {
        let (configuration, source) = try ConfigurationLoader.load(path: "/nonexistent/enrolld.yaml")
        #expect(configuration == DaemonConfiguration())
        #expect(source == .defaults(missing: "/nonexistent/enrolld.yaml"))
    }

    @Test func documentedSampleStatesEveryDefault() throws {
        let path = BuiltProducts.repositoryRoot.appendingPathComponent("config/enrolld.yaml").path
        let (configuration, _) = try ConfigurationLoader.load(path: path)
        #expect(configuration == DaemonConfiguration())
    }

    @Test func documentedSampleNamesEveryKey() throws {
        // Every key must appear in the sample: remove one and the file must still parse to
        // defaults, so the check is that each documented key is read (none unknown) and
        // each key the schema reads is present in the text.
        let path = BuiltProducts.repositoryRoot.appendingPathComponent("config/enrolld.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for key in ["version", "state_directory", "runtime_directory", "shutdown_timeout_seconds", "socket", "socket_mode",
                    "socket_group", "http_enabled", "http_host", "http_port", "level", "target", "journal_socket",
                    "max_queue_mib", "min_free_mib", "retention_hours", "sealing_public_key", "receipt_public_key",
                    "finger_timeout_seconds", "cool_down_seconds", "virtual_image_socket", "idle_timeout_seconds",
                    "max_connections", "other_receipt_public_key", "step_timeout_seconds", "supervisor_wait_seconds",
                    "consent_directory", "local_consent_directory", "contact_text",
                    "station_more_time", "head_check_minutes", "audit_retention_days"] {
            #expect(text.contains("\n  \(key):") || text.contains("\n\(key):"), "config/enrolld.yaml does not document \(key)")
        }
    }

    @Test func demoConfigurationKeepsEverythingInTheCheckout() throws {
        let root = BuiltProducts.repositoryRoot
        let (configuration, _) = try ConfigurationLoader.load(path: root.appendingPathComponent("config/demo.yaml").path)
        let demo = root.appendingPathComponent(".demo").standardizedFileURL.path
        #expect(configuration.daemon.stateDirectory.hasPrefix(demo))
        #expect(configuration.daemon.runtimeDirectory.hasPrefix(demo))
        #expect(configuration.api.socketPath.hasPrefix(demo))
        #expect(configuration.api.httpHost == "127.0.0.1")
    }

    @Test func relativePathsAreTakenFromTheFilesFolder() throws {
        let yaml = "version: 1\ndaemon:\n  state_directory: state\n  runtime_directory: ../run\n"
        let configuration = try ConfigurationLoader.parse(Data(yaml.utf8), file: "f.yaml", relativeTo: "/srv/kiosk/etc")
        #expect(configuration.daemon.stateDirectory == "/srv/kiosk/etc/state")
        #expect(configuration.daemon.runtimeDirectory == "/srv/kiosk/run")
    }

    @Test func everyValueIsRead() throws {
        let yaml = """
        version: 1
        daemon: {state_directory: /s, runtime_directory: /r, shutdown_timeout_seconds: 3}
        api: {socket: /r/a.sock, socket_mode: "0600", socket_group: "", http_enabled: false, http_host: "::1", http_port: 9000}
        logging: {level: debug, target: journal, journal_socket: /j.sock}
        """
        let c = try ConfigurationLoader.parse(Data(yaml.utf8), file: "f.yaml", relativeTo: "/")
        #expect(c.daemon.stateDirectory == "/s" && c.daemon.runtimeDirectory == "/r" && c.daemon.shutdownTimeoutSeconds == 3)
        #expect(c.api.socketPath == "/r/a.sock" && c.api.socketMode == 0o600 && c.api.socketGroup == "")
        #expect(c.api.httpEnabled == false && c.api.httpHost == "::1" && c.api.httpPort == 9000)
        #expect(c.logging.level == .debug && c.logging.target == .journal && c.logging.journalSocket == "/j.sock")
    }

    @Test func readersRestAsConfiguredWithinBounds() throws {
        let c = try ConfigurationLoader.parse(Data("version: 1\nfingerprint: {cool_down_seconds: 300}\n".utf8), file: "f.yaml", relativeTo: "/")
        #expect(c.fingerprint.coolDownSeconds == 300)
        for bad in ["4", "3601", "soon"] {
            #expect(throws: ConfigurationErrors.self) {
                _ = try ConfigurationLoader.parse(Data("version: 1\nfingerprint: {cool_down_seconds: \(bad)}\n".utf8), file: "f.yaml", relativeTo: "/")
            }
        }
    }

    @Test(arguments: ["", "# only a comment\n"])
    func emptyFileOnlyLacksTheVersion(_ yaml: String) {
        #expect(throws: ConfigurationErrors.self) {
            _ = try ConfigurationLoader.parse(Data(yaml.utf8), file: "f.yaml", relativeTo: "/")
        }
    }

    @Test(arguments: [("a", "a", 0), ("htp_port", "http_port", 1), ("", "abc", 3), ("kitten", "sitting", 3)])
    func editDistance(_ a: String, _ b: String, _ expected: Int) {
        #expect(EnrollDaemon.editDistance(a, b) == expected)
    }
}
