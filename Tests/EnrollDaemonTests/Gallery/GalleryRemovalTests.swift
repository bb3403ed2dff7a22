import CSQLite
import Crypto
import EnrollCore
import Foundation
import Logging
import Store
import Testing
import TestSupport
import Trust
@testable import EnrollDaemon

/// Removal lists (bundle version 2): the central office deleted or corrected a record, and
/// every kiosk must stop matching against it and delete its templates.
@Suite struct GalleryRemovalTests {
    let suite = GalleryBundleTests()

    func removing(_ people: [Int64], sequence: UInt64, adding: ClosedRange<UInt64>? = nil) -> GalleryBundle {
        var bundle = adding.map { suite.bundle(sequence: sequence, people: $0) } ?? GalleryBundle(sequence: sequence, createdAt: 1_760_000_000_000, entries: [])
        bundle.removals = people.map { RecordID(GalleryFixtures.recordID($0))! }
        return bundle
    }

    /// Gallery rows of one record, read straight from the SQLite file.
    func rows(of person: Int64, in directory: String) throws -> Int {
        var db: OpaquePointer?
        guard sqlite3_open_v2(directory + "/" + RecordStore.fileName, &db, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else { throw CocoaError(.fileReadUnknown) }
        defer { sqlite3_close_v2(db) }
        var statement: OpaquePointer?
        sqlite3_prepare_v2(db, "SELECT count(*) FROM gallery WHERE record_id = ?1", -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        let id = RecordID(GalleryFixtures.recordID(person))!.bytes
        _ = id.withUnsafeBytes { sqlite3_bind_blob(statement, 1, $0.baseAddress, Int32($0.count), nil) }
        guard sqlite3_step(statement) == SQLITE_ROW else { throw CocoaError(.fileReadUnknown) }
        return Int(sqlite3_column_int64(statement, 0))
    }

    @Test func aRemovedPersonIsNoLongerFoundAndTheirTemplatesAreDeleted() async throws {
        let kiosk = try await suite.kiosk(key: suite.centralKey.publicKey)
        defer { kiosk.gallery.pool.stop() }
        _ = try await kiosk.importer.importBundle(try suite.bundle(sequence: 5).encoded(signingWith: suite.centralKey))
        #expect(try rows(of: 2, in: kiosk.directory) == 2)

        // Person 2 removed (and an id this kiosk never held), person 4 added, in one bundle.
        let report = try await kiosk.importer.importBundle(try removing([2, 99], sequence: 6, adding: 4...4).encoded(signingWith: suite.centralKey))
        #expect(report.removed == 1 && report.records == 1)
        #expect(kiosk.gallery.recordCount == 3)
        let found = try await kiosk.gallery.candidates(for: GalleryFixtures.returning(2, fingers: [.rightIndex, .leftIndex]), limit: 5)
        #expect(!found.contains { $0.recordID == GalleryFixtures.recordID(2) })
        #expect(try rows(of: 2, in: kiosk.directory) == 0)
        #expect(kiosk.log.messages.contains { $0.contains("1 records removed") })

        // A restart loads what is stored: person 2 stays gone.
        let store = try RecordStore.open(directory: kiosk.directory, limits: .init(maximumQueueBytes: 1 << 30, minimumFreeBytes: 0, retentionMilliseconds: 0))
        #expect(try store.auditEntries().filter { $0.action == "gallery.removed" }.count == 1)
        let again = LocalGallery(store: StoreThread(store: store), cipher: try GalleryCipher.loadOrCreate(in: kiosk.directory), scoring: MatchingSettings().scoring(),
                                 searchThreads: 1, logger: Logger(label: "test"))
        await again.load()
        defer { again.pool.stop() }
        #expect(again.recordCount == 3)
        let afterRestart = try await again.candidates(for: GalleryFixtures.returning(2, fingers: [.rightIndex, .leftIndex]), limit: 5)
        #expect(!afterRestart.contains { $0.recordID == GalleryFixtures.recordID(2) })
    }

    @Test func aPersonEnrolledHereCanBeRemovedToo() async throws {
        let kiosk = try await suite.kiosk(key: suite.centralKey.publicKey)
        defer { kiosk.gallery.pool.stop() }
        try await kiosk.gallery.insert(recordID: GalleryFixtures.recordID(7), templates: GalleryFixtures.person(7 as UInt64, fingers: [.rightThumb]))
        #expect(kiosk.gallery.recordCount == 1)
        let report = try await kiosk.importer.importBundle(try removing([7], sequence: 1).encoded(signingWith: suite.centralKey))
        #expect(report.removed == 1 && kiosk.gallery.recordCount == 0)
        #expect(try rows(of: 7, in: kiosk.directory) == 0)
    }

    @Test func enrollingAFingerAgainReplacesItsStoredTemplate() async throws {
        let kiosk = try await suite.kiosk(key: suite.centralKey.publicKey)
        defer { kiosk.gallery.pool.stop() }
        for _ in 0..<3 {
            try await kiosk.gallery.insert(recordID: GalleryFixtures.recordID(8), templates: GalleryFixtures.person(8 as UInt64, fingers: [.rightThumb]))
        }
        #expect(try rows(of: 8, in: kiosk.directory) == 1, "a superseded template stayed on disk")
    }

    @Test func hostileRemovalListsAreRefused() throws {
        let key = suite.centralKey
        func signedBody(_ body: [UInt8]) throws -> [UInt8] { body + Array(try key.signature(for: body)) }
        let header = GalleryBundle.magicWithRemovals + [UInt8](repeating: 0, count: 7) + [1] + [UInt8](repeating: 0, count: 8) + [0, 0, 0, 0]
        let cases: [[UInt8]] = [
            header,                                                             // no removal count
            header + [0xFF, 0xFF, 0xFF, 0xFF],                                  // 4 billion removals announced
            header + [0, 0, 0, 2] + [UInt8](repeating: 7, count: 16),           // one of two ids
            header + [0, 0, 0, 1] + [UInt8](repeating: 7, count: 17),           // a byte after the list
        ]
        for body in cases {
            #expect(throws: GalleryBundle.Refusal.self) { try GalleryBundle.verify(try signedBody(body), key: key.publicKey) }
        }
        // A record both listed and removed is a contradiction, not a choice to guess.
        var both = suite.bundle(sequence: 2, people: 1...1)
        both.removals = [RecordID(GalleryFixtures.recordID(1))!]
        #expect(throws: GalleryBundle.Refusal.self) { try GalleryBundle.verify(try both.encoded(signingWith: key), key: key.publicKey) }
        // Repeats are harmless and read once; version 1 bundles still read.
        let repeated = try GalleryBundle.verify(try signedBody(header + [0, 0, 0, 2] + [UInt8](repeating: 7, count: 32)), key: key.publicKey)
        #expect(repeated.removals.count == 1)
        let plain = try suite.bundle(sequence: 3, people: 1...1).encoded(signingWith: key)
        #expect(Array(plain.prefix(8)) == GalleryBundle.magic)
        #expect(try GalleryBundle.verify(plain, key: key.publicKey).removals.isEmpty)
    }
}
