import CSQLite
import Crypto
import EnrollCore
import Foundation
import Store
import Trust
import TestSupport
import Testing

@Suite("Start-up integrity check")
struct IntegrityTests {
    @Test("A damaged database is moved aside with its WAL, never deleted, and opening reports it")
    func damagedDatabaseKeptAside() throws {
        let fixture = try StoreFixture()
        do {
            let store = try fixture.open()
            for _ in 0..<20 { try fixture.commit(store, partBytes: 16_000) }
            try store.checkpointTruncate()
        }
        let path = fixture.folder.appendingPathComponent(RecordStore.fileName).path
        var bytes = try #require(FileManager.default.contents(atPath: path))
        // Scribble over the middle of the b-tree (page 3 onwards), keeping the header valid.
        for i in 8192..<min(bytes.count, 8192 + 12_000) { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
        try bytes.write(to: URL(fileURLWithPath: path))
        let original = bytes

        let error = try #require(throws: StoreError.self) { try fixture.open() }
        #expect(error.isDamaged, "got \(error)")
        let kept = try #require(error.damagedCopyPath)
        #expect(FileManager.default.contents(atPath: kept + "/" + RecordStore.fileName) == original)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("A file that is not a database at all is kept aside too")
    func notADatabase() throws {
        let fixture = try StoreFixture()
        let path = fixture.folder.appendingPathComponent(RecordStore.fileName).path
        try Data(repeating: 0x5A, count: 10_000).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: StoreError.self) { try fixture.open() }
        #expect(error.isDamaged, "got \(error)")
        #expect(FileManager.default.fileExists(atPath: try #require(error.damagedCopyPath) + "/" + RecordStore.fileName))
    }

    /// A store with one record, closed, then `sql` run on its file as a newer enrolld's
    /// migration would have; returns the fixture and the database's path.
    static func oneRecord(thenAsANewerEnrolld sql: String) throws -> (StoreFixture, String) {
        let fixture = try StoreFixture()
        do {
            let store = try fixture.open()
            try fixture.commit(store)
        }
        let path = fixture.folder.appendingPathComponent(RecordStore.fileName).path
        var db: OpaquePointer?
        try #require(sqlite3_open(path, &db) == SQLITE_OK)
        #expect(sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK)
        sqlite3_close(db)
        return (fixture, path)
    }

    @Test("A database from a newer enrolld (a migration this build does not know) is refused, not written to")
    func newerSchemaRefused() throws {
        let (fixture, path) = try Self.oneRecord(thenAsANewerEnrolld: "INSERT INTO schema_migrations (name, applied_at) VALUES ('2099-01-01-from-the-future', 1)")
        let before = try #require(FileManager.default.contents(atPath: path))

        let error = try #require(throws: StoreError.self) { try fixture.open() }
        #expect(error.description.contains("written by a newer enrolld (schema 2099-01-01-from-the-future)"), "\(error)")
        #expect(!error.isDamaged, "a newer schema is not damage: the file stays where it is")
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    /// A newer enrolld that only added an index leaves a database an older one may write:
    /// SQLite keeps the index current for any writer (an upgrade rolled back is not cut off
    /// from its records for that).
    @Test("A newer migration that only adds an index does not lock an older enrolld out")
    func newerIndexOnlyMigrationIsTolerated() throws {
        let (fixture, _) = try Self.oneRecord(thenAsANewerEnrolld:
            "CREATE INDEX future_index ON outbox (committed_at); INSERT INTO schema_migrations (name, applied_at) VALUES ('2099-01-01-future+index', 1)")
        let store = try fixture.open()
        try fixture.commit(store)
        #expect(try store.head().sequence == 2)
        #expect(try store.integrityCheck() == ["ok"])
    }

    /// The queue's sizes come from the index, not from walking every envelope; and the
    /// bytes the quota counts are the unreceipted ones only.
    @Test("Pending and kept bytes are told apart, read through the sizes index")
    func pendingAndKeptBytes() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        let sizes = try (0..<3).map { _ in try fixture.commit(store, partBytes: 8_000).bytes }
        try store.acceptReceipt(try fixture.receipt(store, sequence: 1, at: fixture.t0), now: fixture.t0, validate: fixture.validator())
        let summary = try store.summary()
        #expect(summary.depth == 2)
        #expect(summary.bytes == sizes.reduce(0, +))
        #expect(summary.pendingBytes == sizes[1] + sizes[2])
        let path = fixture.folder.appendingPathComponent(RecordStore.fileName).path
        var db: OpaquePointer?
        try #require(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK)
        defer { sqlite3_close(db) }
        var plan: OpaquePointer?
        try #require(sqlite3_prepare_v2(db, """
            EXPLAIN QUERY PLAN SELECT count(r.sequence IS NULL OR NULL), coalesce(sum(o.bytes), 0),
                   min(CASE WHEN r.sequence IS NULL THEN o.committed_at END)
            FROM outbox o LEFT JOIN receipts r ON r.sequence = o.sequence
            """, -1, &plan, nil) == SQLITE_OK)
        var steps: [String] = []
        while sqlite3_step(plan) == SQLITE_ROW { steps.append(String(cString: sqlite3_column_text(plan, 3))) }
        sqlite3_finalize(plan)
        #expect(steps.contains { $0.contains("COVERING INDEX outbox_sizes") }, "\(steps)")
    }
}
