import ArgumentParser
import Foundation
import Ingest
import IngestPostgres
import Logging

/// Where the receiver stores records, as `serve` and `import-outbox` both take it: a SQLite
/// file, or PostgreSQL with the password kept off the command line.
struct StorageOptions: ParsableArguments {
    @Option(help: "SQLite database file: serve creates it; the other commands need the one serve made (they never create one).")
    var database = "ingest.sqlite"
    @Option(help: "Store in PostgreSQL instead: postgres://user@host[:port]/database (the password from PGPASSWORD or --postgres-password-file).")
    var postgres: String?
    @Option(name: .customLong("postgres-password-file"), help: "File holding the PostgreSQL password (first line).")
    var postgresPasswordFile: String?
    @Option(name: .customLong("postgres-ca"), help: "TLS to PostgreSQL: the CA that issued the server's certificate (PEM); the certificate and the host name are verified (verify-full). Or sslrootcert= in the URL.")
    var postgresCA: String?
    @Option(name: .customLong("postgres-client-certificate"), help: "Client certificate (PEM) for a server that asks for one (pg_hba cert); its CN is the user. Or sslcert= in the URL.")
    var postgresClientCertificate: String?
    @Option(name: .customLong("postgres-client-key"), help: "The client certificate's private key (PEM, mode 600). Or sslkey= in the URL.")
    var postgresClientKey: String?
    @Flag(name: .customLong("postgres-insecure-plaintext"), help: "Plain TCP to a PostgreSQL host that is not loopback: the password and receipts cross the network in the clear.")
    var postgresInsecurePlaintext = false

    /// PostgreSQL storage, nil when records go to SQLite. One connection is opened and
    /// closed first, so a wrong CA, host name, missing TLS or refused login is reported by
    /// name at start (and the command exits non-zero) instead of as retries.
    func postgresStorage(logger: Logger) async throws -> PostgresIngestStorage? {
        guard let postgres else { return nil }
        let options = PostgresEndpoint.Options(
            caFile: postgresCA, clientCertificate: postgresClientCertificate, clientKey: postgresClientKey,
            insecurePlaintext: postgresInsecurePlaintext)
        let endpoint = try PostgresEndpoint(url: postgres, password: try password(), options: options)
        try await endpoint.check(logger: logger)
        return try PostgresIngestStorage(endpoint: endpoint, logger: logger)
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
