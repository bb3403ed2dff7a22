import ArgumentParser
import Foundation
import Ingest
import IngestPostgres
import Logging

/// Where the receiver stores records, as `serve` and `import-outbox` both take it: a SQLite
/// file, or PostgreSQL with the password kept off the command line.
struct StorageOptions: ParsableArguments {
    @Option(help: "SQLite database file.") var database = "ingest.sqlite"
    @Option(help: "Store in PostgreSQL instead: postgres://user@host[:port]/database (the password from PGPASSWORD or --postgres-password-file).")
    var postgres: String?
    @Option(name: .customLong("postgres-password-file"), help: "File holding the PostgreSQL password (first line).")
    var postgresPasswordFile: String?

    /// PostgreSQL storage, nil when records go to SQLite.
    func postgresStorage(logger: Logger) throws -> PostgresIngestStorage? {
        guard let postgres else { return nil }
        return try PostgresIngestStorage(url: postgres, password: try password(), logger: logger)
    }

    /// The password from `--postgres-password-file`, else `PGPASSWORD`, else none (then the
    /// URL's, if it has one: on the command line, which every local user can read in /proc).
    func password() throws -> String? {
        if let postgresPasswordFile {
            let text = try String(contentsOfFile: postgresPasswordFile, encoding: .utf8)
            return String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        }
        return ProcessInfo.processInfo.environment["PGPASSWORD"]
    }
}
