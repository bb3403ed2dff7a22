import Foundation

/// A private PostgreSQL server for one test run, from Debian's server binaries: a fresh
/// cluster in a temporary folder (trust authentication, loopback only; optionally TLS, a
/// password or client certificates: `ThrowawayPostgres+TLS.swift`), stopped and removed
/// at deinit. As root the cluster belongs to the `postgres` user (initdb refuses root).
public final class ThrowawayPostgres: @unchecked Sendable {
    // @unchecked: immutable after init.
    public let port: Int
    public let folder: URL
    private let runAs: [String]
    /// The server's options, for `start()` after `stop()` (same port and rules).
    private let options: String
    private static let user = "enroll"

    /// The server binaries' folder, nil when PostgreSQL is not installed.
    public static let binaries: String? = {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        return versions.map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: $0 + "/pg_ctl") }
    }()

    public static var available: Bool { binaries != nil }

    /// `tls`: the server speaks TLS (`ssl = on`) and takes TCP connections only over it;
    /// nil: plain TCP, as before. `password`: TCP logins need it (scram-sha-256) instead of
    /// trust. The tests' own set-up (`createDatabase`) goes through the Unix socket.
    public init(tls: TLS? = nil, password: String? = nil) throws {
        guard let bin = Self.binaries else { throw Failure("PostgreSQL server binaries are not installed") }
        folder = URL(fileURLWithPath: "/tmp/enrolld-pg-" + UUID().uuidString.prefix(8).lowercased())
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        runAs = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []
        if getuid() == 0 { try Self.run(["/bin/chown", "postgres:postgres", folder.path], in: folder) }
        let data = folder.appendingPathComponent("data").path
        try Self.run(runAs + [bin + "/initdb", "-D", data, "-A", "trust", "-U", Self.user, "--no-sync"], in: folder)
        let settings = try Self.accessRules(tls: tls, password: password != nil, folder: folder, owner: getuid() == 0 ? "postgres" : nil)
        var lastError = ""
        var started: (port: Int, options: String)?
        for _ in 0..<5 where started == nil {
            let port = Int.random(in: 20_000...45_000)
            let options = "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off\(settings)"
            do {
                try Self.run(runAs + [bin + "/pg_ctl", "-D", data, "-w", "-t", "60", "-l", folder.appendingPathComponent("log").path,
                                      "-o", options, "start"], in: folder)
                started = (port, options)
            } catch { lastError = "\(error)" }
        }
        guard let started else { throw Failure("pg_ctl could not start a server: \(lastError)") }
        port = started.port
        options = started.options
        if let password { try psql("ALTER ROLE \(Self.user) PASSWORD '\(password.replacingOccurrences(of: "'", with: "''"))'") }
    }

    /// A new empty database, as a postgres:// URL (host 127.0.0.1; without TLS settings).
    public func createDatabase() throws -> String {
        let name = "t" + UUID().uuidString.prefix(8).lowercased()
        try psql("CREATE DATABASE \(name)")
        return "postgres://\(Self.user)@127.0.0.1:\(port)/\(name)"
    }

    /// Runs SQL as the cluster's superuser through the Unix socket (trusted whatever the
    /// TCP rules say).
    public func psql(_ sql: String, database: String = "postgres") throws {
        try Self.run(["/usr/bin/psql", "-h", folder.path, "-p", "\(port)", "-U", Self.user, "-d", database, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], in: folder)
    }

    /// Stops the server as an administrator's restart does (`-m fast`: sessions are ended,
    /// clients see their connections closed), keeping its data.
    public func stop() throws {
        guard let bin = Self.binaries else { return }
        try Self.run(runAs + [bin + "/pg_ctl", "-D", folder.appendingPathComponent("data").path, "-w", "-m", "fast", "stop"], in: folder)
    }

    /// Starts it again after `stop()`, on the same port with the same rules.
    public func start() throws {
        guard let bin = Self.binaries else { return }
        try Self.run(runAs + [bin + "/pg_ctl", "-D", folder.appendingPathComponent("data").path, "-w", "-t", "60",
                              "-l", folder.appendingPathComponent("log").path, "-o", options, "start"], in: folder)
    }

    /// The superuser the tests connect as (also the CN a client certificate must carry).
    public static var userName: String { user }

    deinit {
        if let bin = Self.binaries {
            try? Self.run(runAs + [bin + "/pg_ctl", "-D", folder.appendingPathComponent("data").path, "-m", "immediate", "stop"], in: folder)
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// posix_spawn and waitpid rather than Foundation's Process: several tests start
    /// servers at once, and Process's exit monitoring (on the shared dispatch pool, two
    /// threads here) was seen never to reap `pg_ctl`. Output goes to a file, not a pipe:
    /// `pg_ctl start` leaves the server running with the descriptors it was given.
    static func run(_ arguments: [String], in folder: URL) throws {
        let log = "/tmp/enrolld-pg-cmd-" + UUID().uuidString.prefix(8).lowercased()
        defer { unlink(log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
        guard rc == 0 else { throw Failure("cannot start \(arguments[0]): errno \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED and WEXITSTATUS are macros Swift cannot import.
        let exited = status & 0x7F == 0
        guard exited, (status >> 8) & 0xFF == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw Failure("\(arguments.joined(separator: " ")) failed (status \(status)): \(text)")
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
