import Crypto
import EnrollCore
import Foundation
import Ingest
import IngestPostgres
import Logging
import TestSupport
import Trust

/// A kiosk for the receiver's tests: a device key, a central key pair, and a chain of
/// sealed synthetic records.
struct FixtureDevice {
    let key: DeviceKey
    /// The key's private bytes, for tests that forge or re-sign envelopes.
    let rawKey: [UInt8]
    let central: Curve25519.KeyAgreement.PrivateKey
    let clientKeyHash: [UInt8]
    var generator: SeededGenerator

    init(seed: UInt64, central: Curve25519.KeyAgreement.PrivateKey) {
        var generator = SeededGenerator(seed: seed)
        rawKey = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        key = try! DeviceKey(rawPrivateKey: rawKey)
        self.central = central
        clientKeyHash = Array(SHA256.hash(data: Array("client-\(seed)".utf8)))
        self.generator = generator
    }

    /// `count` envelopes continuing from `head`, encoded.
    mutating func chain(_ count: Int, after head: ChainHead = .genesis, partBytes: Int = 2_000) -> [[UInt8]] {
        let sealer = RecordSealer(deviceKey: key, recipient: central.publicKey)
        var head = head
        var out: [[UInt8]] = []
        for i in 0..<count {
            let now = 1_780_000_000_000 + Int64(head.sequence) * 1000 + Int64(i)
            let payload = SyntheticRecords.payload(partBytes: partBytes, now: now, using: &generator)
            let envelope = try! sealer.seal(payload, after: head, committedAt: now)
            let bytes = envelope.encoded()
            out.append(bytes)
            head = ChainHead(sequence: envelope.sequence, hash: RecordEnvelope.chainHash(of: bytes))
        }
        return out
    }

    var registration: (publicKey: [UInt8], clientKeyHash: [UInt8], label: String) { (key.publicKey, clientKeyHash, "test") }
}

/// Where a fixture receiver keeps its records.
enum StorageKind: String, CaseIterable, Sendable {
    case sqlite, postgres

    /// SQLite always; PostgreSQL where its server binaries are installed (the
    /// PostgresServerTests suite says so, with its reason, where they are not).
    static let available: [StorageKind] = ThrowawayPostgres.available ? [.sqlite, .postgres] : [.sqlite]
}

/// A receiver on a real SQLite file in a fresh folder, or on a fresh PostgreSQL database.
final class FixtureReceiver: @unchecked Sendable {
    // @unchecked: immutable after init; the client task is only cancelled at deinit.
    let ingestor: RecordIngestor
    let storage: any IngestStorage
    let receiptKey = Curve25519.Signing.PrivateKey()
    private var clientTask: Task<Void, Never>?
    /// Its own server, stopped when the receiver goes (a shared one would outlive the run).
    private var postgres: ThrowawayPostgres?

    init(devices: [FixtureDevice], openKeys: [Curve25519.KeyAgreement.PrivateKey] = [], kind: StorageKind = .sqlite) async throws {
        switch kind {
        case .sqlite:
            let folder = try BuiltProducts.temporaryFolder()
            storage = try SQLiteIngestStorage(path: folder.appendingPathComponent("ingest.sqlite").path)
        case .postgres:
            let server = try ThrowawayPostgres()
            postgres = server
            let pg = try PostgresIngestStorage(url: try server.createDatabase(), logger: Logger(label: "test"))
            clientTask = Task { await pg.run() }
            try await pg.migrate()
            storage = pg
        }
        ingestor = RecordIngestor(storage: storage, devices: RegisteredDevices(devices.map(\.registration)),
                                  receiptKey: receiptKey, openKeys: openKeys)
    }

    func post(_ envelopes: [[UInt8]], as device: FixtureDevice) async throws -> IngestReply {
        let who = try ingestor.authenticate(clientKeyHash: device.clientKeyHash)
        return try await ingestor.ingest(body: RecordBatch.encode(envelopes), from: who, now: 1_780_000_500_000)
    }

    deinit {
        clientTask?.cancel()
        // Stopping the server is postgres's deinit, after the client has let go.
    }
}
