import Foundation

/// The configuration file tests start `enrolld` with: state and sockets inside `folder`,
/// no loopback listener, logs on stderr, plus whatever sections a test adds.
public enum TestDaemonConfiguration {
    /// Writes `folder/enrolld.yaml` and returns its URL; the API socket is `folder/run/api.sock`.
    public static func write(in folder: URL, extra: String) throws -> URL {
        let config = folder.appendingPathComponent("enrolld.yaml")
        try """
        version: 1
        daemon: {state_directory: state, runtime_directory: run, shutdown_timeout_seconds: 4}
        api: {socket: run/api.sock, socket_group: "", http_enabled: false}
        logging: {target: stderr, level: info}
        \(extra)
        """.write(to: config, atomically: true, encoding: .utf8)
        return config
    }
}
