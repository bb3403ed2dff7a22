import Foundation

/// A private PostgreSQL server for one test run, from Debian's server binaries: a fresh
/// cluster in a temporary folder (trust authentication, loopback only), stopped and removed
/// at deinit. As root the cluster belongs to the `postgres` user (initdb refuses root).
public final class ThrowawayPostgres: @unchecked Sendable {
    // @unchecked: immutable after init.
    public let port: Int
    public let folder: URL
    private let runAs: [String]
    private static let user = "enroll"

    /// The server binaries' folder, nil when PostgreSQL is not installed.
    public static let binaries: String? = {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        return versions.map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: $0 + "/pg_ctl") }
    }()

    public static var available: Bool { binaries != nil }

    public init() throws {
        guard let bin = Self.binaries else { throw Failure("PostgreSQL server binaries are not installed") }
        folder = URL(fileURLWithPath: "/tmp/enrolld-pg-" + UUID().uuidString.prefix(8).lowercased())
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        runAs = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []
        if getuid() == 0 { try Self.run(["/bin/chown", "postgres:postgres", folder.path], in: folder) }
        let data = folder.appendingPathComponent("data").path
        try Self.run(runAs + [bin + "/initdb", "-D", data, "-A", "trust", "-U", Self.user, "--no-sync"], in: folder)
        var lastError = ""
        for _ in 0..<5 {
            let port = Int.random(in: 20_000...45_000)
            do {
                try Self.run(runAs + [bin + "/pg_ctl", "-D", data, "-w", "-t", "60", "-l", folder.appendingPathComponent("log").path,
                                      "-o", "-p \(port) -k \(folder.path) -c listen_addresses=127.0.0.1 -c fsync=off", "start"], in: folder)
                self.port = port
                return
            } catch { lastError = "\(error)" }
        }
        throw Failure("pg_ctl could not start a server: \(lastError)")
    }

    /// A new empty database, as a postgres:// URL.
    public func createDatabase() throws -> String {
        let name = "t" + UUID().uuidString.prefix(8).lowercased()
        try Self.run(["/usr/bin/psql", "-h", "127.0.0.1", "-p", "\(port)", "-U", Self.user, "-d", "postgres", "-q", "-c", "CREATE DATABASE \(name)"], in: folder)
        return "postgres://\(Self.user)@127.0.0.1:\(port)/\(name)"
    }

    deinit {
        if let bin = Self.binaries {
            try? Self.run(runAs + [bin + "/pg_ctl", "-D", folder.appendingPathComponent("data").path, "-m", "immediate", "stop"], in: folder)
        }
        try? FileManager.default.removeItem(at: folder)
    }

    private static func run(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure("\(arguments.joined(separator: " ")) failed: \(text)") }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
