import Crypto
import EnrollCore
import Foundation
import Ingest
import IngestPostgres
import Logging
import TestSupport
import Testing
import Trust

/// What `enroll-ingest list` reports per kiosk, from a real SQLite file and a real
/// PostgreSQL database: chain head, last arrival, silent, never uploaded, revoked.
@Suite struct KioskInventoryTests {
    let central = Curve25519.KeyAgreement.PrivateKey()

    /// A storage and its inventory on the same data.
    final class Stores: @unchecked Sendable {
        // @unchecked: immutable after init; the pool task is only cancelled at deinit.
        let storage: any IngestStorage
        let inventory: any IngestInventory
        private var pool: Task<Void, Never>?
        private var server: ThrowawayPostgres?

        init(_ kind: StorageKind) async throws {
            switch kind {
            case .sqlite:
                let path = try BuiltProducts.temporaryFolder().appendingPathComponent("ingest.sqlite").path
                storage = try SQLiteIngestStorage(path: path)
                inventory = try SQLiteIngestInventory(path: path)
            case .postgres:
                let server = try ThrowawayPostgres()
                self.server = server
                let pg = try PostgresIngestStorage(url: try server.createDatabase(), logger: Logger(label: "test"))
                pool = Task { await pg.run() }
                try await pg.migrate()
                (storage, inventory) = (pg, pg)
            }
        }

        deinit { pool?.cancel() }
    }

    @Test(arguments: StorageKind.available)
    func eachKioskWithItsHeadLastArrivalAndState(_ kind: StorageKind) async throws {
        let stores = try await Stores(kind)
        var recent = FixtureDevice(seed: 41, central: central)
        var quiet = FixtureDevice(seed: 42, central: central)
        let never = FixtureDevice(seed: 43, central: central)
        var stolen = FixtureDevice(seed: 44, central: central)
        let all = RegisteredDevices([recent, quiet, never, stolen].map(\.registration))
        let ingestor = RecordIngestor(storage: stores.storage, devices: all, receiptKey: Curve25519.Signing.PrivateKey())
        let day: Int64 = 86_400_000
        let now: Int64 = 1_780_000_000_000
        func upload(_ device: inout FixtureDevice, _ count: Int, at time: Int64) async throws {
            let head = try await stores.storage.head(device: device.key.deviceID)
            let who = try ingestor.authenticate(clientKeyHash: device.clientKeyHash)
            _ = try await ingestor.ingest(body: RecordBatch.encode(device.chain(count, after: head)), from: who, now: time)
        }
        try await upload(&recent, 3, at: now - 3 * day)
        try await upload(&recent, 2, at: now - 3_600_000)
        try await upload(&quiet, 7, at: now - 2 * day)
        try await upload(&stolen, 4, at: now - 10 * day)

        // The stolen kiosk is revoked: off the registration file, its records still stored.
        let registered = [recent, quiet, never].map { device in all.device(deviceID: device.key.deviceID)! }
        let report = KioskStatus.report(registered: registered, stored: try await stores.inventory.storedDevices(), now: now, silentAfter: day)
        let byID = Dictionary(uniqueKeysWithValues: report.map { ($0.deviceID, $0) })
        #expect(report.count == 4)
        #expect(byID[recent.key.deviceID] == KioskStatus(deviceID: recent.key.deviceID, label: "test", headSequence: 5, lastReceivedAt: now - 3_600_000, state: .uploading))
        #expect(byID[quiet.key.deviceID]?.state == .silent && byID[quiet.key.deviceID]?.headSequence == 7)
        #expect(byID[quiet.key.deviceID]?.lastReceivedAt == now - 2 * day)
        #expect(byID[never.key.deviceID] == KioskStatus(deviceID: never.key.deviceID, label: "test", headSequence: 0, lastReceivedAt: nil, state: .neverUploaded))
        #expect(byID[stolen.key.deviceID] == KioskStatus(deviceID: stolen.key.deviceID, label: "", headSequence: 4, lastReceivedAt: now - 10 * day, state: .revoked))
        // Revoked kiosks come last, after every registered one.
        #expect(report.last?.state == .revoked)
    }

    /// A kiosk whose records 3…4 never arrived (its database lost them): its next record is
    /// refused as a gap, which the report shows until central IT acknowledges it, and only
    /// while the head stands where the gap was seen.
    @Test(arguments: StorageKind.available)
    func anOpenGapIsReportedUntilItIsAcknowledged(_ kind: StorageKind) async throws {
        let stores = try await Stores(kind)
        var device = FixtureDevice(seed: 46, central: central)
        let registered = RegisteredDevices([device.registration])
        let ingestor = RecordIngestor(storage: stores.storage, devices: registered, receiptKey: Curve25519.Signing.PrivateKey())
        let who = try ingestor.authenticate(clientKeyHash: device.clientKeyHash)
        let chain = device.chain(6)
        func reported() async throws -> KioskStatus? {
            KioskStatus.report(registered: registered.all, stored: try await stores.inventory.storedDevices(), now: 10, silentAfter: 1_000).first
        }
        _ = try await ingestor.ingest(body: RecordBatch.encode(Array(chain[0..<2])), from: who, now: 1)
        #expect(try await reported()?.missing == nil, "a complete chain has no gap")
        let refused = try await ingestor.ingest(body: RecordBatch.encode(Array(chain[4...])), from: who, now: 2)
        #expect(refused.results.allSatisfy { $0.status == .rejected })
        let open = try #require(try await reported())
        #expect(open.missing == 3...4 && open.headSequence == 2)

        let gaps = try #require(stores.storage as? any IngestGapStorage)
        _ = try await gaps.acceptGap(device: device.key.deviceID, after: 4, at: 3, by: "test")
        #expect(try await reported()?.missing == nil, "acknowledged: the head moved past the gap")
        let stored = try await ingestor.ingest(body: RecordBatch.encode(Array(chain[4...])), from: who, now: 4)
        #expect(stored.results.allSatisfy { $0.status == .stored })
        let after = try #require(try await reported())
        #expect(after.missing == nil && after.headSequence == 6)
    }

    @Test("A noted gap is a range only beyond the head plus one", arguments: [
        (UInt64(2), Int64(0), nil as ClosedRange<UInt64>?), (UInt64(2), Int64(3), nil), (UInt64(2), Int64(2), nil),
        (UInt64(2), Int64(-7), nil), (UInt64.max, Int64.max, nil), (UInt64(2), Int64(5), 3...4),
    ])
    func missingFromANote(_ values: (UInt64, Int64, ClosedRange<UInt64>?)) {
        #expect(StoredDevice.missing(head: values.0, gapNext: values.1) == values.2)
    }

    /// A batch whose every record was rejected leaves PostgreSQL a head row at 0: still
    /// "never uploaded", not a kiosk with a chain.
    @Test(arguments: StorageKind.available)
    func aKioskWhoseRecordsWereAllRejectedNeverUploaded(_ kind: StorageKind) async throws {
        let stores = try await Stores(kind)
        var device = FixtureDevice(seed: 45, central: central)
        let ingestor = RecordIngestor(storage: stores.storage, devices: RegisteredDevices([device.registration]), receiptKey: Curve25519.Signing.PrivateKey())
        let chain = device.chain(3)
        let reply = try await ingestor.ingest(body: RecordBatch.encode(Array(chain[1...])), from: try ingestor.authenticate(clientKeyHash: device.clientKeyHash), now: 1)
        #expect(reply.results.allSatisfy { $0.status == .rejected })
        let report = KioskStatus.report(registered: RegisteredDevices([device.registration]).all, stored: try await stores.inventory.storedDevices(), now: 2, silentAfter: 1000)
        #expect(report.map(\.state) == [.neverUploaded])
        #expect(report.map(\.headSequence) == [0])
    }

    @Test func theThresholdIsStrictAndClockSkewCountsAsRecent() {
        let device = RegisteredDevices([(Array(repeating: 7, count: 32), Array(repeating: 8, count: 32), "k")]).all[0]
        let id = device.deviceID
        func state(lastAt: Int64) -> KioskStatus.State? {
            KioskStatus.report(registered: [device], stored: [StoredDevice(deviceID: id, headSequence: 1, lastReceivedAt: lastAt)], now: 10_000, silentAfter: 1_000).first?.state
        }
        #expect(state(lastAt: 9_000) == .uploading)
        #expect(state(lastAt: 8_999) == .silent)
        #expect(state(lastAt: 50_000) == .uploading)
    }

    /// The report's SQLite reader on what is not a receiver database: a clear error each,
    /// and nothing created.
    @Test func anUnusableSQLiteFileIsAClearError() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        let missing = folder.appendingPathComponent("none.sqlite").path
        #expect(throws: IngestError.self) { try SQLiteIngestInventory(path: missing) }
        #expect(!FileManager.default.fileExists(atPath: missing))
        do { _ = try SQLiteIngestInventory(path: folder.path) } catch { #expect(error.message.contains("is a folder")) }

        let junk = folder.appendingPathComponent("junk.sqlite")
        try Data(repeating: 0x5A, count: 8192).write(to: junk)
        let truncated = folder.appendingPathComponent("truncated.sqlite")
        let real = folder.appendingPathComponent("real.sqlite").path
        _ = try SQLiteIngestStorage(path: real)
        try Data(try Data(contentsOf: URL(fileURLWithPath: real)).prefix(100)).write(to: truncated)
        let other = folder.appendingPathComponent("other.sqlite")
        _ = FileManager.default.createFile(atPath: other.path, contents: Data())
        for file in [junk, truncated, other] {
            await #expect(throws: IngestError.self, "\(file.lastPathComponent)") {
                _ = try await SQLiteIngestInventory(path: file.path).storedDevices()
            }
        }
        do { _ = try await SQLiteIngestInventory(path: junk.path).storedDevices() } catch let error as IngestError {
            #expect(error.message.contains("is not a readable receiver database"), "\(error)")
        }
    }
}
