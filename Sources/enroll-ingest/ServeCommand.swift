import ArgumentParser
import Foundation
import Hummingbird
import HummingbirdTLS
import Ingest
import IngestPostgres
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve POST /v1/records and GET /v1/devices/{id}/head over HTTPS with client certificates.")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one; the bound port is printed).") var port = 8443
    @Option(help: "Server certificate chain (PEM).") var certificate: String
    @Option(help: "Server private key (PEM).") var key: String
    @Option(name: .customLong("client-ca"), help: "CA that issues device certificates (PEM).") var clientCA: String
    @Option(help: "Device registrations: '<device public key hex> <client key sha256 hex> [label]' per line; re-read when it changes.") var devices: String
    @Option(name: .customLong("receipt-key"), help: "Receipt signing key (Ed25519, 64 hex digits).") var receiptKey: String
    @Option(name: .customLong("open-key"), help: "Central sealing private key (X25519, 64 hex): open every record and check its inner signature, so no record sealed to a wrong key is receipted. Repeat it while the sealing key changes.")
    var openKeys: [String] = []
    @Flag(name: .customLong("no-open-check"), help: "Receipt records without opening them (a receiver that must not hold the sealing key): a kiosk sealing to a wrong key then goes unnoticed.")
    var noOpenCheck = false
    @OptionGroup var storageOptions: StorageOptions
    @Option(name: .customLong("idle-timeout-seconds"), help: "Close a connection that sends nothing for this long (also one that never starts TLS).")
    var idleTimeoutSeconds = 30
    @Option(name: .customLong("max-batch-bytes"), help: "Largest request body accepted.") var maxBatchBytes = 64 << 20
    @Option(name: .customLong("receipt-validity-days")) var receiptValidityDays = 30
    @Option(help: "Fault injection for tests, e.g. 5xx=0.3,drop=0.1,stall=0.02,stall_seconds=20,seed=7.") var faults: String?

    /// How long a closing connection waits for the kiosk's close_notify.
    static let tlsCloseWait = TimeAmount.milliseconds(100)

    func validate() throws {
        guard !openKeys.isEmpty || noOpenCheck else {
            throw ValidationError("give --open-key (the central sealing key, so only records that can be opened are receipted) or, knowingly, --no-open-check")
        }
        guard idleTimeoutSeconds > 0 else { throw ValidationError("--idle-timeout-seconds must be positive") }
    }

    func run() async throws {
        var logger = Logger(label: "enroll-ingest")
        logger.logLevel = .info
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
        tls.trustRoots = .file(clientCA)
        // Requires a client certificate chaining to the device CA; device identity is then
        // the registration of that certificate's key, not a name in it.
        tls.certificateVerification = .noHostnameVerification
        tls.minimumTLSVersion = .tlsv12
        // When the receiver closes a connection (SIGTERM, the idle limit) its TLS layer sends
        // close_notify and then waits for the kiosk's, by default up to 5 s; an HTTP client
        // holding an idle keep-alive connection is not reading, so every SIGTERM took that
        // long (scripts/bench-stop-ingest). The answers are whole before the close starts
        // (HTTP closes only after the response is written), so the wait buys nothing.
        tls.shutdownTimeout = Self.tlsCloseWait

        let storage: any IngestStorage
        var services: [any Service] = []
        var postgresStorage: PostgresIngestStorage?
        if let pg = try await storageOptions.postgresStorage(logger: logger) {
            storage = pg
            services.append(pg.client)
            postgresStorage = pg
        } else {
            storage = try SQLiteIngestStorage(path: storageOptions.database)
        }
        let ingestor = RecordIngestor(
            storage: storage, devices: try RegistrationFile(path: devices),
            receiptKey: try ServerKeys.receiptKey(receiptKey),
            receiptValidity: Int64(receiptValidityDays) * 86_400_000,
            openKeys: try openKeys.map(ServerKeys.sealingKey))
        let routes = IngestRoutes(ingestor: ingestor, maximumBodyBytes: maxBatchBytes, faults: try faults.map(FaultPlan.init(parsing:)) ?? FaultPlan(),
                                  logger: logger)
        var app = Application(
            router: routes.router(),
            // Without an idle limit a client that connects and sends nothing holds a file
            // descriptor for ever: a few hundred of them and no kiosk can upload.
            server: try .tls(.http1(configuration: .init(idleTimeout: .seconds(Int64(idleTimeoutSeconds)))), tlsConfiguration: tls),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            services: services,
            onServerRunning: { channel in
                // Tests and scripts wait for this line to learn the port.
                FileHandle.standardOutput.write(Data("enroll-ingest listening on \(host):\(channel.localAddress?.port ?? 0)\n".utf8))
            },
            logger: logger)
        if let postgresStorage { app.beforeServerStarts { try await postgresStorage.migrate() } }
        try await app.runService()
    }

}
