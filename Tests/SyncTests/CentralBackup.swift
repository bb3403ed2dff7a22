import Foundation
import TestSupport

/// A backup of the receiver's database taken the way central IT should take one from a
/// live server, and put back as a restore would: SQLite through its online backup API
/// (`sqlite3 .backup`, never a file copy of a live WAL database), PostgreSQL with
/// `pg_dump` (a consistent snapshot) into a dropped and re-created database.
struct CentralBackup {
    let file: URL

    /// Whether the tools for `harness`'s storage are installed.
    static func available(postgres: Bool) -> Bool {
        postgres ? ThrowawayPostgres.binaries.map { FileManager.default.isExecutableFile(atPath: $0 + "/pg_dump") } ?? false
            : FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")
    }

    /// Takes the backup while the receiver runs.
    static func take(_ harness: IngestHarness) throws -> CentralBackup {
        let file = harness.folder.appendingPathComponent("backup-\(UUID().uuidString.prefix(8))")
        if let url = harness.postgresURL {
            try tool(ThrowawayPostgres.binaries! + "/pg_dump", ["--format=custom", "--file", file.path, url], harness)
        } else {
            try tool("/usr/bin/sqlite3", [harness.database.path, ".backup '\(file.path)'"], harness)
        }
        return CentralBackup(file: file)
    }

    /// Stops the receiver, replaces its database by the backup, and starts it again.
    func restore(into harness: IngestHarness) async throws {
        await harness.kill()
        if let url = harness.postgresURL, let parts = URLComponents(string: url) {
            let name = String(parts.path.dropFirst())
            let admin = url.replacingOccurrences(of: "/" + name, with: "/postgres")
            try Self.tool("/usr/bin/psql", [admin, "-q", "-c", "DROP DATABASE \(name) WITH (FORCE)"], harness)
            try Self.tool("/usr/bin/psql", [admin, "-q", "-c", "CREATE DATABASE \(name)"], harness)
            try Self.tool(ThrowawayPostgres.binaries! + "/pg_restore", ["--dbname", url, file.path], harness)
        } else {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: harness.database.path + suffix) }
            try FileManager.default.copyItem(at: file, to: harness.database)
        }
        try await harness.start()
    }

    private static func tool(_ path: String, _ arguments: [String], _ harness: IngestHarness) throws {
        let (status, _, err) = try RunningProcess.run(path, arguments, folder: harness.folder)
        guard status == 0 else { throw HarnessError("\(path) \(arguments.joined(separator: " ")) failed: \(err)") }
    }
}
