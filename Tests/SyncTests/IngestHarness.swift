import EnrollCore
import Foundation
import Ingest
import TestSupport

/// A test PKI made by the provisioning scripts (the real openssl CLI), receiver keys made
/// by `enroll-ingest keygen`, and a real `enroll-ingest serve` process on loopback.
final class IngestHarness: @unchecked Sendable {
    // @unchecked: used by one test at a time; `server` is replaced only by `restart`.
    let folder: URL
    var pki: URL { folder.appendingPathComponent("pki") }
    var keys: URL { folder.appendingPathComponent("keys") }
    var devices: URL { folder.appendingPathComponent("devices.txt") }
    var database: URL { folder.appendingPathComponent("ingest.sqlite") }
    private(set) var server: RunningProcess?
    private(set) var port = 0
    let faults: String?
    /// More `serve` options (a short idle limit, …).
    var serveArguments: [String] = []
    /// PostgreSQL storage instead of SQLite: a database on a throw-away server.
    let postgresURL: String?
    /// The PostgreSQL server under the receiver, for a test that restarts it.
    let postgres: ThrowawayPostgres?

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")
    }

    init(faults: String? = nil, postgres: Bool = false) throws {
        folder = try BuiltProducts.temporaryFolder()
        self.faults = faults
        self.postgres = postgres ? try ThrowawayPostgres() : nil
        postgresURL = try self.postgres?.createDatabase()
        try script("provision-ca", pki.path)
        try script("provision-issue", pki.path, "server", "server")
        try script("provision-issue", pki.path, "device", "kiosk")
        try script("provision-issue", pki.path, "device", "unregistered")
        try script("provision-issue", pki.path, "expired", "expired")
        // A second CA and a device certificate from it: right form, wrong issuer.
        let other = folder.appendingPathComponent("other-pki").path
        try script("provision-ca", other, "some other CA")
        try script("provision-issue", other, "device", "foreign")
        try ingest("keygen", "--directory", keys.path)
        FileManager.default.createFile(atPath: devices.path, contents: Data())
    }

    var otherPKI: URL { folder.appendingPathComponent("other-pki") }

    /// The receiver's SQLite database as `serve` makes it at its first start, for a test
    /// that runs the one-off commands (they never create one) without starting the server.
    func createDatabase() throws {
        _ = try SQLiteIngestStorage(path: database.path)
    }

    func hexFile(_ name: String) throws -> [UInt8] {
        let text = try String(contentsOf: keys.appendingPathComponent(name), encoding: .utf8)
        return Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines))!
    }

    func register(devicePublicKey: [UInt8], certificate: String = "kiosk") throws {
        try ingest("register", "--devices", devices.path, "--device-key", Hex.encode(devicePublicKey),
                   "--client-certificate", pki.appendingPathComponent("\(certificate).pem").path, "--label", certificate)
    }

    /// Starts the receiver (again on the same port after the first start) and waits for
    /// its "listening" line.
    func start() async throws {
        var arguments = [
            "serve", "--port", "\(port)", "--certificate", pki.appendingPathComponent("server.pem").path,
            "--key", pki.appendingPathComponent("server.key").path, "--client-ca", pki.appendingPathComponent("ca.pem").path,
            "--devices", devices.path, "--receipt-key", keys.appendingPathComponent("receipt.key").path,
            "--open-key", keys.appendingPathComponent("sealing.key").path, "--database", database.path,
        ]
        if let faults { arguments += ["--faults", faults] }
        arguments += serveArguments
        if let postgresURL { arguments += ["--postgres", postgresURL] }
        let process = try RunningProcess(BuiltProducts.executable("enroll-ingest"), arguments, folder: folder)
        server = process
        let deadline = ContinuousClock.now + .seconds(60)
        // The output is looked at after every wait, the deadline only then: a test process
        // whose threads were all busy may wake past the deadline with the server long up.
        while true {
            if let line = process.stdout.split(separator: "\n").first(where: { $0.contains("listening on") }),
               let p = line.split(separator: ":").last.flatMap({ Int($0) }) {
                port = p
                return
            }
            guard process.process.isRunning else { throw HarnessError("enroll-ingest exited: \(process.stderr)") }
            guard ContinuousClock.now < deadline else { throw HarnessError("enroll-ingest did not start: \(process.stderr)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// SIGKILL: no graceful anything, as a crash or power cut would.
    func kill() async {
        guard let server else { return }
        server.signal(SIGKILL)
        _ = await server.waitForExit(timeout: .seconds(10))
    }

    var url: String { "https://127.0.0.1:\(port)" }

    /// A new certificate for the kiosk's existing TLS key (`provision-issue renew`), in place.
    func renew(_ certificate: String) throws {
        try script("provision-issue", pki.path, "renew", certificate)
    }

    private func script(_ name: String, _ arguments: String...) throws {
        let path = BuiltProducts.repositoryRoot.appendingPathComponent("scripts/\(name)").path
        let (status, _, err) = try RunningProcess.run("/bin/sh", [path] + arguments, folder: folder)
        guard status == 0 else { throw HarnessError("\(name) failed: \(err)") }
    }

    private func ingest(_ arguments: String...) throws {
        let (status, _, err) = try run(arguments)
        guard status == 0 else { throw HarnessError("enroll-ingest \(arguments.first ?? "") failed: \(err)") }
    }

    /// Runs an enroll-ingest command; its exit status, output and errors.
    func run(_ arguments: [String]) throws -> (Int32, String, String) {
        try RunningProcess.run(BuiltProducts.executable("enroll-ingest"), arguments, folder: folder)
    }

    deinit {
        if let server, server.process.isRunning { server.signal(SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
