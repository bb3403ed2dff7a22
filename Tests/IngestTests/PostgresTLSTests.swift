import Crypto
import EnrollCore
import Foundation
import Ingest
import IngestPostgres
import Logging
import PostgresNIO
import TestSupport
import Testing
import Trust

/// The receiver's storage on a real PostgreSQL server with `ssl = on`, a CA and server
/// certificate made by the provisioning scripts for the test, and only `hostssl` logins:
/// records stored over verified TLS, and each way it can go wrong named for the operator.
@Suite(.enabled(if: ThrowawayPostgres.available && TestPKI.available, "needs PostgreSQL's server binaries and the openssl CLI (scripts/install-deps test)"))
struct PostgresTLSTests {
    static let password = "pw-Zq81-not-in-messages"
    let central = Curve25519.KeyAgreement.PrivateKey()

    /// A CA, a server certificate for the name localhost only (so the address 127.0.0.1 is
    /// not one it names), and a TLS-only server that wants the password.
    struct Site {
        let folder: URL
        let pki: TestPKI
        let server: ThrowawayPostgres
        let url: String

        init(demandClientCertificate: Bool = false) throws {
            folder = try BuiltProducts.temporaryFolder()
            pki = try TestPKI(folder: folder.appendingPathComponent("pki"))
            let certificate = try pki.issue("server", "postgres-server", hosts: ["localhost"])
            server = try ThrowawayPostgres(
                tls: .init(certificate: certificate.certificate, key: certificate.key, clientCA: pki.caFile, demandClientCertificate: demandClientCertificate),
                password: demandClientCertificate ? nil : PostgresTLSTests.password)
            url = try server.createDatabase().replacingOccurrences(of: "@127.0.0.1:", with: "@localhost:")
        }

        func endpoint(_ url: String? = nil, _ options: PostgresEndpoint.Options) throws -> PostgresEndpoint {
            try PostgresEndpoint(url: url ?? self.url, password: PostgresTLSTests.password, options: options)
        }
    }

    func failure(_ endpoint: PostgresEndpoint) async -> PostgresConnectionError? {
        do {
            try await endpoint.check(logger: Logger(label: "test"))
            return nil
        } catch { return error }
    }

    @Test func recordsAreStoredOverVerifiedTLS() async throws {
        let site = try Site()
        let endpoint = try site.endpoint(nil, .init(caFile: site.pki.caFile))
        try await endpoint.check(logger: Logger(label: "test"))
        let storage = try PostgresIngestStorage(endpoint: endpoint, logger: Logger(label: "test"))
        let pool = Task { await storage.run() }
        defer { pool.cancel() }
        try await storage.migrate()
        var device = FixtureDevice(seed: 31, central: central)
        let ingestor = RecordIngestor(storage: storage, devices: RegisteredDevices([device.registration]), receiptKey: Curve25519.Signing.PrivateKey())
        let reply = try await ingestor.ingest(body: RecordBatch.encode(device.chain(4)), from: try ingestor.authenticate(clientKeyHash: device.clientKeyHash), now: 1_780_000_000_000)
        #expect(reply.results.map(\.status) == Array(repeating: .stored, count: 4))
        #expect(try await storage.stored(device: device.key.deviceID).map(\.sequence) == [1, 2, 3, 4])
        // The server's own view of this connection: encrypted.
        var encrypted: [Bool] = []
        for try await ssl in try await storage.client.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: Logger(label: "test")).decode(Bool.self) {
            encrypted.append(ssl)
        }
        #expect(encrypted == [true])
    }

    /// Wrong CA, a certificate for another name, a key that cannot be read, a server without
    /// TLS, plain TCP to a TLS-only server, a wrong password: each its own clear message,
    /// none with the password.
    @Test func eachFailureIsNamed() async throws {
        let site = try Site()
        let other = try TestPKI(folder: site.folder.appendingPathComponent("other"), name: "some other CA")
        var seen: [PostgresConnectionError] = []

        let wrongCA = try #require(await failure(try site.endpoint(nil, .init(caFile: other.caFile))))
        #expect(wrongCA.code == .untrustedServerCertificate, "\(wrongCA)")
        #expect(wrongCA.message.contains(other.caFile) && wrongCA.message.contains("not signed by the CA"), "\(wrongCA)")
        seen.append(wrongCA)

        let byAddress = site.url.replacingOccurrences(of: "@localhost:", with: "@127.0.0.1:")
        let mismatch = try #require(await failure(try site.endpoint(byAddress, .init(caFile: site.pki.caFile))))
        #expect(mismatch.code == .hostNameMismatch, "\(mismatch)")
        #expect(mismatch.message.contains("does not name 127.0.0.1"), "\(mismatch)")
        seen.append(mismatch)

        let plain = try ThrowawayPostgres()
        let noTLS = try #require(await failure(try site.endpoint(try plain.createDatabase(), .init(caFile: site.pki.caFile))))
        #expect(noTLS.code == .serverWithoutTLS, "\(noTLS)")
        #expect(noTLS.message.contains("does not offer TLS"), "\(noTLS)")
        seen.append(noTLS)

        let plainToTLSOnly = try #require(await failure(try site.endpoint(nil, .init())))
        #expect(plainToTLSOnly.code == .refusedByServer && plainToTLSOnly.message.contains("no encryption"), "\(plainToTLSOnly)")
        #expect(plainToTLSOnly.message.contains("TLS logins only: give --postgres-ca"), "\(plainToTLSOnly)")
        seen.append(plainToTLSOnly)

        let wrongPassword = try #require(await failure(try PostgresEndpoint(url: site.url, password: "not-" + Self.password, options: .init(caFile: site.pki.caFile))))
        #expect(wrongPassword.code == .refusedByServer && wrongPassword.message.contains("password authentication failed"), "\(wrongPassword)")
        seen.append(wrongPassword)

        let client = try site.pki.issue("device", "enroll")
        let missingKey = client.key + ".gone"
        let unreadable = try #require(await failure(try site.endpoint(nil, .init(caFile: site.pki.caFile, clientCertificate: client.certificate, clientKey: missingKey))))
        #expect(unreadable.code == .unreadableFile && unreadable.message.contains(missingKey) && unreadable.message.contains("No such file"), "\(unreadable)")
        seen.append(unreadable)

        for error in seen { #expect(!error.message.contains(Self.password), "\(error)") }
    }

    /// Key and CA files that are there but wrong: shared with other users, not a key,
    /// not a certificate, a folder, or the key of another certificate.
    @Test func brokenCertificateAndKeyFilesAreNamed() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        let pki = try TestPKI(folder: folder.appendingPathComponent("pki"))
        let client = try pki.issue("device", "enroll")
        let second = try pki.issue("device", "second")
        let junk = folder.appendingPathComponent("junk.pem").path
        _ = FileManager.default.createFile(atPath: junk, contents: Data(repeating: 0x41, count: 5000), attributes: [.posixPermissions: 0o600])
        let shared = folder.appendingPathComponent("shared.key").path
        try FileManager.default.copyItem(atPath: client.key, toPath: shared)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: shared)
        let cases: [(PostgresEndpoint.Options, String)] = [
            (.init(caFile: junk), "holds no PEM certificate"),
            (.init(caFile: folder.path), "not a regular file"),
            (.init(caFile: pki.caFile, clientCertificate: client.certificate, clientKey: junk), "not an unencrypted PEM private key"),
            (.init(caFile: pki.caFile, clientCertificate: client.certificate, clientKey: shared), "can be read by other users"),
            (.init(caFile: pki.caFile, clientCertificate: junk, clientKey: client.key), "holds no PEM certificate"),
            (.init(caFile: pki.caFile, clientCertificate: client.certificate, clientKey: second.key), "belong together"),
        ]
        for (options, words) in cases {
            // Nothing listens on port 1: the files must be refused before any connection.
            let endpoint = try PostgresEndpoint(url: "postgres://enroll@127.0.0.1:1/ingest", options: options)
            let error = try #require(await failure(endpoint))
            #expect(error.code == .unreadableFile && error.message.contains(words), "\(error)")
        }
        let nobody = try #require(await failure(try PostgresEndpoint(url: "postgres://enroll@127.0.0.1:1/ingest")))
        #expect(nobody.code == .unreachable && nobody.message.contains("127.0.0.1:1"), "\(nobody)")
    }

    /// pg_hba `hostssl … cert`: the certificate whose CN is the user gets in; none, one for
    /// another user, or one from another CA is refused, each said so.
    @Test func aClientCertificateWhenTheServerDemandsOne() async throws {
        let site = try Site(demandClientCertificate: true)
        let user = try site.pki.issue("device", ThrowawayPostgres.userName)
        let endpoint = try site.endpoint(nil, .init(caFile: site.pki.caFile, clientCertificate: user.certificate, clientKey: user.key))
        try await endpoint.check(logger: Logger(label: "test"))
        let storage = try PostgresIngestStorage(endpoint: endpoint, logger: Logger(label: "test"))
        let pool = Task { await storage.run() }
        defer { pool.cancel() }
        try await storage.migrate()
        var device = FixtureDevice(seed: 32, central: central)
        let ingestor = RecordIngestor(storage: storage, devices: RegisteredDevices([device.registration]), receiptKey: Curve25519.Signing.PrivateKey())
        let reply = try await ingestor.ingest(body: RecordBatch.encode(device.chain(2)), from: try ingestor.authenticate(clientKeyHash: device.clientKeyHash), now: 1_780_000_000_000)
        #expect(reply.results.map(\.status) == [.stored, .stored])

        let without = try #require(await failure(try site.endpoint(nil, .init(caFile: site.pki.caFile))))
        #expect(without.code == .clientCertificateRefused, "\(without)")
        let otherUser = try site.pki.issue("device", "somebody-else")
        let wrongName = try #require(await failure(try site.endpoint(nil, .init(caFile: site.pki.caFile, clientCertificate: otherUser.certificate, clientKey: otherUser.key))))
        #expect(wrongName.code == .clientCertificateRefused && wrongName.message.contains("certificate authentication failed"), "\(wrongName)")
        let foreign = try TestPKI(folder: site.folder.appendingPathComponent("foreign"), name: "foreign CA")
        let stranger = try foreign.issue("device", ThrowawayPostgres.userName)
        let untrusted = try #require(await failure(try site.endpoint(nil, .init(caFile: site.pki.caFile, clientCertificate: stranger.certificate, clientKey: stranger.key))))
        #expect(untrusted.code == .clientCertificateRefused && untrusted.message.contains(stranger.certificate), "\(untrusted)")
        #expect(untrusted.message.hasSuffix("(TLSV1_ALERT_UNKNOWN_CA)"), "\(untrusted)")
    }
}
