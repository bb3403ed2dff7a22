import Crypto
import EnrollCore
import Foundation
import Ingest
import IngestPostgres
import Logging
import Store
import Sync
import TestSupport
import Trust

/// A kiosk's side for the uploader tests: a real outbox on disk filled with sealed
/// synthetic records, and an uploader pointed at the harness's receiver.
struct SyncFixture {
    let harness: IngestHarness
    let deviceKey: DeviceKey
    let store: RecordStore
    let storeFolder: URL

    init(harness: IngestHarness, records: Int, partBytes: Int = 1_500) throws {
        self.harness = harness
        deviceKey = DeviceKey()
        storeFolder = try BuiltProducts.temporaryFolder()
        store = try Self.openStore(storeFolder)
        try commitMore(records, partBytes: partBytes)
    }

    /// The same kiosk (device key) on the database in `storeFolder`, e.g. a restored copy.
    init(harness: IngestHarness, deviceKey: DeviceKey, storeFolder: URL) throws {
        self.harness = harness
        self.deviceKey = deviceKey
        self.storeFolder = storeFolder
        store = try Self.openStore(storeFolder)
    }

    private static func openStore(_ folder: URL) throws -> RecordStore {
        try RecordStore.open(directory: folder.path, limits: .init(maximumQueueBytes: 1 << 32, minimumFreeBytes: 0, retentionMilliseconds: 86_400_000))
    }

    /// A backup of the database as it is now, the way a technician's file copy takes it
    /// between writes: the database file with its write-ahead log. Returns its folder.
    func backup() throws -> URL {
        let copy = try BuiltProducts.temporaryFolder()
        for suffix in ["", "-wal"] {
            let source = storeFolder.appendingPathComponent(RecordStore.fileName + suffix)
            guard FileManager.default.fileExists(atPath: source.path) else { continue }
            try FileManager.default.copyItem(at: source, to: copy.appendingPathComponent(RecordStore.fileName + suffix))
        }
        return copy
    }

    /// Seals and commits `count` more synthetic records after the outbox's head.
    func commitMore(_ count: Int, partBytes: Int = 1_500) throws {
        let sealer = RecordSealer(deviceKey: deviceKey, recipient: try Curve25519.KeyAgreement.PublicKey(rawRepresentation: harness.hexFile("sealing.pub")))
        var generator = SeededGenerator(seed: 42 &+ (try store.summary().headSequence))
        var remaining = count
        while remaining > 0 {
            let chunk = min(500, remaining)
            _ = try store.appendBatch(count: chunk, actor: "test", now: 1_780_000_000_000) { head, _ in
                let now = 1_780_000_000_000 + Int64(head.sequence)
                return try sealer.seal(SyntheticRecords.payload(partBytes: partBytes, now: now, using: &generator), after: head, committedAt: now)
            }
            remaining -= chunk
        }
    }

    func settings(certificate: String = "kiosk", caFile: String? = nil, batch: Int = 50) -> SyncSettings {
        let pki = harness.pki.path
        var settings = SyncSettings(
            url: harness.url, caFile: caFile ?? pki + "/ca.pem",
            clientCertificate: pki + "/\(certificate).pem", clientKey: pki + "/\(certificate).key")
        settings.batchRecords = batch
        settings.connectTimeoutMilliseconds = 300
        settings.readTimeoutMilliseconds = 3_000
        settings.backoff = BackoffPolicy(initialMilliseconds: 10, capMilliseconds: 300)
        settings.idlePollMilliseconds = 200
        return settings
    }

    /// `receiptKey` replaces the receiver's real receipt key (a kiosk configured with the wrong one).
    func uploader(_ settings: SyncSettings, timer: any SyncTimer = SystemSyncTimer(), receiptKey: Curve25519.Signing.PublicKey? = nil,
                  wallClock: @escaping @Sendable () -> Int64 = WallClock.milliseconds, log: KeptLog? = nil,
                  onOlderDatabase: @escaping @Sendable (OlderDatabase) -> Void = { _ in }) throws -> Uploader {
        var logger = log?.logger("sync-test") ?? Logger(label: "sync-test")
        logger.logLevel = log == nil ? .warning : .trace
        let key = try receiptKey ?? Curve25519.Signing.PublicKey(rawRepresentation: harness.hexFile("receipt.pub"))
        return Uploader(settings: settings, queue: StoreThread(store: store), transport: try HTTPIngestTransport(settings: settings),
                        verifier: ReceiptVerifier(receiptKey: key), logger: logger, timer: timer, wallClock: wallClock,
                        onOlderDatabase: onOlderDatabase)
    }

    /// Runs `uploader` until `done` holds or `timeout` passes; returns whether it held.
    static func run(_ uploader: Uploader, timeout: Duration, until done: @escaping @Sendable () async -> Bool) async -> Bool {
        let task = Task { try await uploader.run() }
        defer { task.cancel() }
        let deadline = ContinuousClock.now + timeout
        // `done` is asked after every wait, the deadline only then (a busy test process may
        // wake past it).
        var held = await done()
        while !held, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(100))
            held = await done()
        }
        task.cancel()
        _ = await task.result
        return held
    }

    var backlog: Int { (try? store.summary().depth) ?? -1 }

    /// What the receiver holds for this device, read from its SQLite file.
    func serverRecords() async throws -> [(sequence: UInt64, hash: [UInt8])] {
        guard let url = harness.postgresURL else {
            return try await SQLiteIngestStorage(path: harness.database.path).stored(device: deviceKey.deviceID)
        }
        let storage = try PostgresIngestStorage(url: url, logger: Logger(label: "test"))
        let task = Task { await storage.run() }
        defer { task.cancel() }
        return try await storage.stored(device: deviceKey.deviceID)
    }

    /// The local outbox's (sequence, envelope hash) in order: nothing may have been deleted.
    func localRecords() throws -> [(sequence: UInt64, hash: [UInt8])] {
        try store.envelopes(from: 0, limit: 1_000_000).map { ($0.sequence, RecordEnvelope.chainHash(of: $0.envelope)) }
    }
}
