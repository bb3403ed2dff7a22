import EnrollCore
import Foundation
import IngestPostgres
import Logging
import Store
import TestSupport
import Testing
import Trust

/// `enroll-ingest` against a PostgreSQL server with `ssl = on` and only `hostssl` logins,
/// through the options `serve`, `import-outbox` and `list` share: records imported and
/// listed over verified TLS (options or libpq URL parameters), the password from
/// PGPASSWORD, and a receiver that will not start against an untrusted server.
@Suite(.enabled(if: IngestHarness.available && ThrowawayPostgres.available, "needs the openssl CLI and PostgreSQL's server binaries"))
struct IngestPostgresTLSTests {
    static let password = "pw-cli-7Hq2"

    @Test func importAndListOverVerifiedTLS() async throws {
        let harness = try IngestHarness()
        let pki = try TestPKI(folder: harness.folder.appendingPathComponent("db-pki"), name: "database CA")
        let server = try pki.issue("server", "db", hosts: ["127.0.0.1"])
        let postgres = try ThrowawayPostgres(tls: .init(certificate: server.certificate, key: server.key), password: Self.password)
        let url = try postgres.createDatabase()
        let fixture = try SyncFixture(harness: harness, records: 5)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try fixture.store.checkpointTruncate()
        let environment = ["PGPASSWORD": Self.password]
        func ingest(_ arguments: [String]) throws -> (Int32, String, String) {
            try RunningProcess.run(BuiltProducts.executable("enroll-ingest"), arguments, environment: environment, folder: harness.folder)
        }

        // A database nothing has stored into yet: no receiver tables, and a list says so.
        let empty = try ingest(["list", "--devices", harness.devices.path, "--postgres", url, "--postgres-ca", pki.caFile])
        #expect(empty.0 != 0 && empty.2.contains("relation \"heads\" does not exist") && empty.2.contains("receiver's database"), "\(empty)")

        let imported = try ingest([
            "import-outbox", fixture.storeFolder.appendingPathComponent(RecordStore.fileName).path, "--devices", harness.devices.path,
            "--receipt-key", harness.keys.appendingPathComponent("receipt.key").path, "--open-key", harness.keys.appendingPathComponent("sealing.key").path,
            "--postgres", url, "--postgres-ca", pki.caFile,
        ])
        #expect(imported.0 == 0 && imported.1.contains("5 stored"), "\(imported)")

        let listed = try ingest(["list", "--devices", harness.devices.path, "--postgres", url + "?sslmode=verify-full&sslrootcert=\(pki.caFile)"])
        #expect(listed.0 == 0, "\(listed)")
        let line = try #require(listed.1.split(separator: "\n").first { $0.contains(Hex.encode(fixture.deviceKey.deviceID)) })
        #expect(line.contains(" 5 ") && line.hasSuffix("uploading"), "\(listed.1)")

        // The same server without TLS settings: its pg_hba has no plain-TCP rule.
        let plain = try ingest(["list", "--devices", harness.devices.path, "--postgres", url])
        #expect(plain.0 != 0 && plain.2.contains("no encryption"), "\(plain)")

        // serve checks before it listens: a CA that did not issue the server's certificate
        // stops it with the reason, not a minute of retries.
        let other = try TestPKI(folder: harness.folder.appendingPathComponent("other-db-pki"), name: "another CA")
        let serve = try ingest([
            "serve", "--port", "0", "--certificate", harness.pki.appendingPathComponent("server.pem").path,
            "--key", harness.pki.appendingPathComponent("server.key").path, "--client-ca", harness.pki.appendingPathComponent("ca.pem").path,
            "--devices", harness.devices.path, "--receipt-key", harness.keys.appendingPathComponent("receipt.key").path, "--no-open-check",
            "--postgres", url, "--postgres-ca", other.caFile,
        ])
        #expect(serve.0 != 0 && serve.2.contains("not signed by the CA in \(other.caFile)"), "\(serve)")
        #expect(!serve.1.contains("listening on"))
        for output in [empty, imported, listed, plain, serve] { #expect(!(output.1 + output.2).contains(Self.password)) }
    }

    /// A kiosk's uploads through a real `serve` whose PostgreSQL takes TLS logins only, with
    /// a client certificate (pg_hba `hostssl … cert`): every record stored, exactly once.
    @Test func serveStoresUploadsOverTLSWithAClientCertificate() async throws {
        let harness = try IngestHarness()
        let pki = try TestPKI(folder: harness.folder.appendingPathComponent("db-pki"), name: "database CA")
        let server = try pki.issue("server", "db", hosts: ["127.0.0.1"])
        let client = try pki.issue("device", ThrowawayPostgres.userName)
        let postgres = try ThrowawayPostgres(tls: .init(certificate: server.certificate, key: server.key, clientCA: pki.caFile, demandClientCertificate: true))
        let url = try postgres.createDatabase()
        let options = PostgresEndpoint.Options(caFile: pki.caFile, clientCertificate: client.certificate, clientKey: client.key)
        harness.serveArguments = ["--postgres", url, "--postgres-ca", pki.caFile, "--postgres-client-certificate", client.certificate, "--postgres-client-key", client.key]
        let fixture = try SyncFixture(harness: harness, records: 12)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try await harness.start()
        #expect(await SyncFixture.run(try fixture.uploader(fixture.settings(batch: 5)), timeout: .seconds(120)) { fixture.backlog == 0 })

        let storage = try PostgresIngestStorage(endpoint: try PostgresEndpoint(url: url, options: options), logger: Logger(label: "test"))
        let pool = Task { await storage.run() }
        defer { pool.cancel() }
        let stored = try await storage.stored(device: fixture.deviceKey.deviceID)
        #expect(stored.map(\.sequence) == Array(1...12))
        #expect(stored.map(\.hash) == (try fixture.localRecords()).map(\.hash))
    }
}
