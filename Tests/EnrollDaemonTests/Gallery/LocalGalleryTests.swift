import Crypto
import EnrollCore
import EventLog
import Foundation
import Logging
import Matching
import Store
import Synchronization
import Testing
import TestSupport
import Trust
@testable import EnrollDaemon

/// The daemon's gallery on a real SQLite store with the real gallery cipher: load at start,
/// insert then find, restart then still found, damaged entries skipped and journalled.
@Suite struct LocalGalleryTests {
    let limits = RecordStore.Limits(maximumQueueBytes: 1 << 30, minimumFreeBytes: 0, retentionMilliseconds: 0)
    let scoring = MatchingSettings().scoring()

    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "gallery-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func gallery(_ directory: String, capture: KeptLog = KeptLog(), scoring: PersonScoring? = nil,
                 maximumCandidates: Int = 10) async throws -> LocalGallery {
        let store = try RecordStore.open(directory: directory, limits: limits)
        let cipher = try GalleryCipher.loadOrCreate(in: directory)
        let gallery = LocalGallery(store: StoreThread(store: store), cipher: cipher, scoring: scoring ?? self.scoring, searchThreads: 1,
                                   maximumCandidates: maximumCandidates, logger: Logger(label: "test") { _ in capture })
        await gallery.load()
        return gallery
    }

    let fingers: [FingerPosition] = [.rightIndex, .leftIndex]

    @Test func anInsertedPersonIsFoundAndOthersAreNot() async throws {
        let directory = try folder()
        let gallery = try await gallery(directory)
        defer { gallery.pool.stop() }
        #expect(gallery.entryCount == 0)
        #expect(try await gallery.candidates(for: GalleryFixtures.returning(1, fingers: fingers), limit: 5).isEmpty)
        for n in 1...6 {
            try await gallery.insert(recordID: GalleryFixtures.recordID(Int64(n)), templates: GalleryFixtures.person(UInt64(n), fingers: fingers))
        }
        #expect(gallery.recordCount == 6)
        #expect(gallery.entryCount == 6 * 2 * 2)
        let found = try await gallery.candidates(for: GalleryFixtures.returning(4, fingers: fingers), limit: 5)
        #expect(found.first?.recordID == GalleryFixtures.recordID(4))
        // The calibrated threshold (1 in 10,000) keeps the other five out.
        #expect(found.count == 1)
        #expect((found.first?.score ?? 0) >= 4)
        // matching.candidates caps what a caller may ask for.
        let capped = try await self.gallery(try folder(), scoring: PersonScoring(calibration: .fvc2002, rule: .fisher, falseMatchRate: 1),
                                            maximumCandidates: 2)
        defer { capped.pool.stop() }
        capped.state.withLock { state in
            for n in 1...6 {
                for (position, print) in GalleryFixtures.person(UInt64(n), fingers: fingers) {
                    state.index(record: GalleryFixtures.recordID(Int64(n)), position: UInt8(position.rawValue), templates: print.matchingTemplates())
                }
            }
        }
        #expect(try await capped.candidates(for: GalleryFixtures.returning(4, fingers: fingers), limit: 50).count == 2)
                // A stranger matches no one.
        #expect(try await gallery.candidates(for: GalleryFixtures.returning(50, fingers: fingers), limit: 5).isEmpty)
    }

    @Test func oneFingerIsEnoughAndTwoScoreHigher() async throws {
        let gallery = try await gallery(try folder())
        defer { gallery.pool.stop() }
        try await gallery.insert(recordID: GalleryFixtures.recordID(1), templates: GalleryFixtures.person(1, fingers: fingers))
        let one = try await gallery.candidates(for: GalleryFixtures.returning(1, fingers: [.leftIndex]), limit: 5)
        let two = try await gallery.candidates(for: GalleryFixtures.returning(1, fingers: fingers), limit: 5)
        #expect(one.map(\.recordID) == [GalleryFixtures.recordID(1)])
        #expect(two.map(\.recordID) == [GalleryFixtures.recordID(1)])
        #expect(two[0].score > one[0].score)
        // The right finger searched as the wrong position finds nothing: positions are kept apart.
        let swapped = [FingerPosition.rightThumb: GalleryFixtures.returning(1, fingers: [.leftIndex])[.leftIndex]!]
        #expect(try await gallery.candidates(for: swapped, limit: 5).isEmpty)
    }

    @Test func aRestartLoadsEveryoneFromTheStore() async throws {
        let directory = try folder()
        do {
            let first = try await gallery(directory)
            for n in 1...4 {
                try await first.insert(recordID: GalleryFixtures.recordID(Int64(n)), templates: GalleryFixtures.person(UInt64(n), fingers: fingers))
            }
            first.pool.stop()
        }
        let capture = KeptLog()
        let second = try await gallery(directory, capture: capture)
        defer { second.pool.stop() }
        #expect(second.recordCount == 4)
        #expect(second.entryCount == 16)
        let found = try await second.candidates(for: GalleryFixtures.returning(3, fingers: fingers), limit: 5)
        #expect(found.map(\.recordID) == [GalleryFixtures.recordID(3)])
        #expect(!capture.entries.contains { $0.id == CatalogEvent.galleryEntriesSkipped.messageID })
        // Counts and timings only: no record id reaches the journal.
        for entry in capture.entries {
            #expect(!entry.message.contains(GalleryFixtures.recordID(3)))
            #expect(!entry.metadata.values.contains { "\($0)".contains(GalleryFixtures.recordID(3)) })
        }
    }

    @Test func damagedEntriesAreSkippedWithACataloguedEvent() async throws {
        let directory = try folder()
        do {
            let first = try await gallery(directory)
            try await first.insert(recordID: GalleryFixtures.recordID(1), templates: GalleryFixtures.person(1, fingers: fingers))
            first.pool.stop()
        }
        let store = try RecordStore.open(directory: directory, limits: limits)
        let cipher = try GalleryCipher.loadOrCreate(in: directory)
        let record = try #require(RecordID(GalleryFixtures.recordID(2)))
        // Altered bytes, another kiosk's key, a good seal around something that is no template
        // list (each on its own finger: a finger's row replaces the one before).
        try store.addGalleryEntry(GalleryEntry(entryID: [1], recordID: record, fingerPosition: 2, sealedTemplate: [1, 2, 3], addedAt: 1))
        let foreign = try GalleryCipher(key: .init(size: .bits256)).seal(GalleryTemplates.encode([], fingerPosition: 3), entryID: [2])
        try store.addGalleryEntry(GalleryEntry(entryID: [2], recordID: record, fingerPosition: 3, sealedTemplate: foreign, addedAt: 2))
        let junk = try cipher.seal(Array("EGT1\u{1}\0\0\0\u{9}FMR".utf8), entryID: [3])
        try store.addGalleryEntry(GalleryEntry(entryID: [3], recordID: record, fingerPosition: 7, sealedTemplate: junk, addedAt: 3))
        // A valid entry sealed under another entry's id (moved between rows).
        let moved = try cipher.seal(GalleryTemplates.encode([], fingerPosition: 4), entryID: [9])
        try store.addGalleryEntry(GalleryEntry(entryID: [4], recordID: record, fingerPosition: 4, sealedTemplate: moved, addedAt: 4))

        let capture = KeptLog()
        let reloaded = try await gallery(directory, capture: capture)
        defer { reloaded.pool.stop() }
        #expect(reloaded.recordCount == 1)
        let skipped = capture.entries.filter { $0.id == CatalogEvent.galleryEntriesSkipped.messageID }
        #expect(skipped.count == 1)
        #expect(skipped.first?.metadata["gallery.skipped"] == "4")
        #expect(try await reloaded.candidates(for: GalleryFixtures.returning(1, fingers: fingers), limit: 5).map(\.recordID) == [GalleryFixtures.recordID(1)])
    }

    @Test func aGalleryWithoutStoreRefusesSearchesAndInserts() async throws {
        let gallery = LocalGallery(store: nil, cipher: nil, scoring: scoring, searchThreads: 1, logger: Logger(label: "test"))
        await gallery.load()
        defer { gallery.pool.stop() }
        // Searching nothing must not read as "nobody is enrolled".
        await #expect(throws: LocalGallery.Failure.self) {
            _ = try await gallery.candidates(for: GalleryFixtures.returning(1, fingers: fingers), limit: 5)
        }
        await #expect(throws: LocalGallery.Failure.self) {
            try await gallery.insert(recordID: GalleryFixtures.recordID(1), templates: GalleryFixtures.person(1, fingers: fingers))
        }
        await #expect(throws: LocalGallery.Failure.self) {
            try await gallery.insert(recordID: "not-a-record", templates: GalleryFixtures.person(1, fingers: fingers))
        }
    }
}
