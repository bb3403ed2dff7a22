import Crypto
import EnrollCore
import Foundation
import Ingest
import IngestPostgres
import Logging
import TestSupport
import Trust

/// A central receiver's files as `find` and `export` meet them: keys from `enroll-ingest
/// keygen`, a registration file naming one kiosk, and records that kiosk sealed to the
/// central key, stored through the receiver's own ingest path (`RecordIngestor`, as
/// `serve` runs it) into a real SQLite file or a throw-away PostgreSQL database.
final class RightsHarness: @unchecked Sendable {
    // @unchecked: used by one test at a time; the client task is only cancelled at deinit.
    let folder: URL
    var keys: URL { folder.appendingPathComponent("keys") }
    var devices: URL { folder.appendingPathComponent("devices.txt") }
    var database: URL { folder.appendingPathComponent("ingest.sqlite") }
    var sealingKey: URL { keys.appendingPathComponent("sealing.key") }
    let kiosk = DeviceKey()
    let storage: any IngestStorage
    /// `--database …` or `--postgres …`: where the commands find the records.
    let storageArguments: [String]
    private var generator = SeededGenerator(seed: 71)
    private var head = ChainHead.genesis
    private let postgres: ThrowawayPostgres?
    private var clientTask: Task<Void, Never>?

    init(postgres: Bool = false) async throws {
        let folder = try BuiltProducts.temporaryFolder()
        self.folder = folder
        let keys = folder.appendingPathComponent("keys")
        let (status, _, err) = try RunningProcess.run(BuiltProducts.executable("enroll-ingest"), ["keygen", "--directory", keys.path], folder: folder)
        guard status == 0 else { throw HarnessError("keygen failed: \(err)") }
        let line = RegisteredDevices.line(publicKey: kiosk.publicKey, clientKeyHash: Array(SHA256.hash(data: kiosk.publicKey)), label: "north-7")
        try Data((line + "\n").utf8).write(to: folder.appendingPathComponent("devices.txt"))
        if postgres {
            let server = try ThrowawayPostgres()
            self.postgres = server
            let url = try server.createDatabase()
            let pg = try PostgresIngestStorage(url: url, logger: Logger(label: "test"))
            clientTask = Task { await pg.run() }
            try await pg.migrate()
            storage = pg
            storageArguments = ["--postgres", url]
        } else {
            let database = folder.appendingPathComponent("ingest.sqlite")
            self.postgres = nil
            storage = try SQLiteIngestStorage(path: database.path)
            storageArguments = ["--database", database.path]
        }
    }

    func hex(_ file: URL) throws -> [UInt8] {
        Hex.decode(try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))!
    }

    /// Seals records with these ids (and made-up contents) to the central key and stores
    /// them as an upload would; returns their envelopes. `sealedTo`: another keygen folder
    /// whose sealing key the records are sealed to (a centre's older key).
    @discardableResult
    func store(ids: [RecordID], face: [UInt8]? = nil, sealedTo other: URL? = nil) async throws -> [[UInt8]] {
        let central = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: try hex((other ?? keys).appendingPathComponent("sealing.pub")))
        let sealer = RecordSealer(deviceKey: kiosk, recipient: central)
        var envelopes: [[UInt8]] = []
        for id in ids {
            let now = id.bytes.prefix(6).reduce(Int64(0)) { $0 << 8 | Int64($1) }
            var payload = SyntheticRecords.payload(partBytes: 4_000, now: now, using: &generator)
            payload.manifest.recordID = id
            payload.manifest.subjectFields = [.init(name: "reference", value: "SUBJECT-SECRET-\(envelopes.count)")]
            if let face, let index = payload.parts.firstIndex(where: { $0.kind == .faceImage }) { payload.parts[index].bytes = face }
            let bytes = try sealer.seal(payload, after: head, committedAt: now).encoded()
            head = ChainHead(sequence: head.sequence + 1, hash: RecordEnvelope.chainHash(of: bytes))
            envelopes.append(bytes)
        }
        let registered = RegisteredDevices([(kiosk.publicKey, Array(SHA256.hash(data: kiosk.publicKey)), "north-7")])
        let ingestor = RecordIngestor(storage: storage, devices: registered, receiptKey: .init(),
                                      openKeys: [try .init(rawRepresentation: try hex((other ?? keys).appendingPathComponent("sealing.key")))])
        let reply = try await ingestor.ingest(body: RecordBatch.encode(envelopes), from: try ingestor.authenticate(clientKeyHash: Array(SHA256.hash(data: kiosk.publicKey))),
                                              now: Int64(Date().timeIntervalSince1970 * 1000))
        guard reply.results.allSatisfy({ $0.status == .stored }) else { throw HarnessError("not stored: \(reply.results)") }
        return envelopes
    }

    /// Runs an enroll-ingest command; its exit status, output and errors.
    func run(_ arguments: [String]) throws -> (Int32, String, String) {
        try RunningProcess.run(BuiltProducts.executable("enroll-ingest"), arguments, folder: folder)
    }

    /// A UUIDv7 made at `milliseconds` whose short reference is `tail`.
    static func id(at milliseconds: Int64, _ salt: UInt8, tail: [UInt8]) -> RecordID {
        let time = (0..<6).map { UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - $0))) }
        return RecordID(bytes: time + [0x70 | (salt & 0x0F), salt, 0x80, salt, salt, salt] + tail)!
    }

    deinit {
        clientTask?.cancel()
        try? FileManager.default.removeItem(at: folder)
    }
}
