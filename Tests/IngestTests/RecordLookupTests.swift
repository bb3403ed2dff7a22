import Crypto
import EnrollCore
import Foundation
import Ingest
import IngestPostgres
import Logging
import Testing
import TestSupport
import Trust

/// Records found by what a person brings, on real storage: a SQLite file (read through
/// its own read-only connection) and, where installed, a PostgreSQL server; the records
/// stored through the receiver's own ingest path.
@Suite struct RecordLookupTests {
    let central = Curve25519.KeyAgreement.PrivateKey()
    static let tail: [UInt8] = [0x3F, 0x9A, 0x21, 0xC7]

    /// Three records of one kiosk: two share the short reference 3F9A 21C7 (made a day
    /// apart), one does not.
    static let ids = [
        RecordID(bytes: LookupFixture.id(at: 1_780_000_000_000, random: [0x7A, 0xBC, 0x8D, 0xEF, 0x01, 0x23], tail: tail))!,
        RecordID(bytes: LookupFixture.id(at: 1_780_086_400_000, random: [0x71, 0x11, 0x82, 0x22, 0x33, 0x44], tail: tail))!,
        RecordID(bytes: LookupFixture.id(at: 1_780_090_000_000, random: [0x72, 0x22, 0x83, 0x33, 0x44, 0x55], tail: [0x00, 0x00, 0x00, 0x01]))!,
    ]

    @Test(arguments: StorageKind.available)
    func aSharedReferenceNamesEveryRecordAndAFullIDOne(_ kind: StorageKind) async throws {
        var device = FixtureDevice(seed: 61, central: central)
        let fixture = try await LookupFixture(device: device, kind: kind)
        let chain = device.chain(ids: Self.ids)
        let reply = try await fixture.post(chain, as: device)
        #expect(reply.results.map(\.status) == [.stored, .stored, .stored])

        let shared = try await fixture.lookup.records(matching: .short(Self.tail))
        #expect(shared.map(\.recordID) == [Self.ids[0], Self.ids[1]].sorted(), "both, in id order, none picked")
        #expect(shared.allSatisfy { $0.deviceID == device.key.deviceID && !$0.erased && $0.receivedAt == LookupFixture.receivedAt })
        #expect(Set(shared.map(\.sequence)) == [1, 2])
        #expect(shared.map(\.createdAt).sorted() == [1_780_000_000_000, 1_780_086_400_000], "the day tells them apart")

        let one = try await fixture.lookup.records(matching: .full(Self.ids[2]))
        #expect(one.map(\.recordID) == [Self.ids[2]] && one.first?.sequence == 3)
        #expect(try await fixture.lookup.records(matching: .short([0x00, 0x00, 0x00, 0x01])).map(\.recordID) == [Self.ids[2]])

        // Unknown: nothing, whether short, full, or a full id whose tail is shared.
        #expect(try await fixture.lookup.records(matching: .short([0xDE, 0xAD, 0xBE, 0xEF])).isEmpty)
        #expect(try await fixture.lookup.records(matching: .full(RecordID(unixMilliseconds: 1_780_000_000_000))).isEmpty)
        let sameTail = RecordID(bytes: LookupFixture.id(at: 1_780_000_000_000, random: [0x70, 0, 0x80, 0, 0, 0], tail: Self.tail))!
        #expect(try await fixture.lookup.records(matching: .full(sameTail)).isEmpty)

        // The envelope handed out is the one stored.
        let held = try #require(try await fixture.lookup.envelope(recordID: Self.ids[1]))
        #expect(held.envelope == chain[1] && held.record == shared.first { $0.recordID == Self.ids[1] })
        #expect(try await fixture.lookup.envelope(recordID: sameTail) == nil)
    }

    @Test(arguments: StorageKind.available)
    func anErasedRecordIsFoundAsErasedWithNothingToHandOut(_ kind: StorageKind) async throws {
        var device = FixtureDevice(seed: 62, central: central)
        let fixture = try await LookupFixture(device: device, kind: kind)
        _ = try await fixture.post(device.chain(ids: Self.ids), as: device)
        #expect(try await fixture.storage.erase(recordID: Self.ids[0].bytes)?.alreadyErased == false)

        let found = try await fixture.lookup.records(matching: .short(Self.tail))
        #expect(found.map(\.erased) == [Self.ids[0], Self.ids[1]].sorted().map { $0 == Self.ids[0] })
        let erased = try #require(try await fixture.lookup.envelope(recordID: Self.ids[0]))
        #expect(erased.record.erased && erased.envelope.isEmpty)
        #expect(try await fixture.lookup.envelope(recordID: Self.ids[1])?.record.erased == false)
    }

    /// The read-only connection never makes a database where there was none, and says what
    /// is wrong with a path that is not one.
    @Test func aMissingFolderOrForeignFileIsRefusedByName() throws {
        let folder = try BuiltProducts.temporaryFolder()
        let missing = folder.appendingPathComponent("none.sqlite").path
        let none = #expect(throws: IngestError.self) { try SQLiteRecordLookup(path: missing) }
        #expect(none?.message.contains("no receiver database at \(missing)") == true)
        #expect(!FileManager.default.fileExists(atPath: missing))
        let notFile = #expect(throws: IngestError.self) { try SQLiteRecordLookup(path: folder.path) }
        #expect(notFile?.message.contains("is a folder") == true)
    }

    @Test func aFileThatIsNotAReceiverDatabaseIsAnErrorWhenOpened() throws {
        let folder = try BuiltProducts.temporaryFolder()
        let junk = folder.appendingPathComponent("junk.sqlite")
        try Data(repeating: 0x5A, count: 8192).write(to: junk)
        // Found out when it is opened, before any look-up.
        let unreadable = #expect(throws: IngestError.self) { try SQLiteRecordLookup(path: junk.path) }
        #expect(unreadable?.message.contains("\(junk.path) is not a readable receiver database") == true)
        let empty = folder.appendingPathComponent("empty.sqlite")
        FileManager.default.createFile(atPath: empty.path, contents: Data())
        let noTable = #expect(throws: IngestError.self) { try SQLiteRecordLookup(path: empty.path) }
        #expect(noTable?.message.contains("\(empty.path) is an SQLite file but not a receiver database") == true)
        #expect(try Data(contentsOf: empty).isEmpty, "nothing written into it")
    }
}

/// A receiver's storage for the lookup tests: the ingest path writes, `lookup` reads (for
/// SQLite a second, read-only connection to the same file, as `find` opens it).
final class LookupFixture: @unchecked Sendable {
    // @unchecked: immutable after init; the client task is only cancelled at deinit.
    static let receivedAt: Int64 = 1_780_100_000_000
    let storage: any IngestStorage
    let lookup: any IngestRecordLookup
    let ingestor: RecordIngestor
    private var clientTask: Task<Void, Never>?
    private var postgres: ThrowawayPostgres?

    init(device: FixtureDevice, kind: StorageKind) async throws {
        switch kind {
        case .sqlite:
            let path = try BuiltProducts.temporaryFolder().appendingPathComponent("ingest.sqlite").path
            storage = try SQLiteIngestStorage(path: path)
            lookup = try SQLiteRecordLookup(path: path)
        case .postgres:
            let server = try ThrowawayPostgres()
            postgres = server
            let pg = try PostgresIngestStorage(url: try server.createDatabase(), logger: Logger(label: "test"))
            clientTask = Task { await pg.run() }
            try await pg.migrate()
            storage = pg
            lookup = pg
        }
        ingestor = RecordIngestor(storage: storage, devices: RegisteredDevices([device.registration]), receiptKey: .init(), openKeys: [device.central])
    }

    func post(_ envelopes: [[UInt8]], as device: FixtureDevice) async throws -> IngestReply {
        try await ingestor.ingest(body: RecordBatch.encode(envelopes), from: try ingestor.authenticate(clientKeyHash: device.clientKeyHash), now: Self.receivedAt)
    }

    /// A UUIDv7's 16 bytes: the timestamp, six chosen bytes (version and variant bits in
    /// place), and the last four, the short reference.
    static func id(at milliseconds: Int64, random: [UInt8], tail: [UInt8]) -> [UInt8] {
        let time = (0..<6).map { UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - $0))) }
        return time + random + tail
    }

    deinit { clientTask?.cancel() }
}

extension FixtureDevice {
    /// A chain of sealed records with the given record ids (from genesis).
    mutating func chain(ids: [RecordID], partBytes: Int = 2_000) -> [[UInt8]] {
        let sealer = RecordSealer(deviceKey: key, recipient: central.publicKey)
        var head = ChainHead.genesis
        return ids.map { id in
            let now = id.bytes.prefix(6).reduce(Int64(0)) { $0 << 8 | Int64($1) }
            var payload = SyntheticRecords.payload(partBytes: partBytes, now: now, using: &generator)
            payload.manifest.recordID = id
            let bytes = try! sealer.seal(payload, after: head, committedAt: now).encoded()
            head = ChainHead(sequence: head.sequence + 1, hash: RecordEnvelope.chainHash(of: bytes))
            return bytes
        }
    }
}
