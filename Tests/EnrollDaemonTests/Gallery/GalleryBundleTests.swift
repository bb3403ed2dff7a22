import ControlAPI
import Crypto
import EnrollCore
import EventLog
import Foundation
import Logging
import Matching
import Store
import Testing
import TestSupport
import Trust
@testable import EnrollDaemon

/// Signed gallery bundles: verified before anything is stored; tampered, truncated,
/// oversized, wrong-key and replayed bundles refused with a catalogued journal entry.
@Suite struct GalleryBundleTests {
    let centralKey = Curve25519.Signing.PrivateKey()

    /// Three people enrolled elsewhere, two fingers each, as the central server sends them.
    func bundle(sequence: UInt64, people: ClosedRange<UInt64> = 1...3) -> GalleryBundle {
        var entries: [GalleryBundle.Entry] = []
        for person in people {
            for (position, print) in GalleryFixtures.person(person, fingers: [.rightIndex, .leftIndex]).sorted(by: { $0.key < $1.key }) {
                for template in print.matchingTemplates() {
                    entries.append(.init(recordID: RecordID(GalleryFixtures.recordID(Int64(person)))!, fingerPosition: UInt8(position.rawValue), template: template))
                }
            }
        }
        return GalleryBundle(sequence: sequence, createdAt: 1_760_000_000_000, entries: entries)
    }

    struct Kiosk {
        let directory: String
        let gallery: LocalGallery
        let importer: GalleryBundleImporter
        let log: KeptLog
    }

    func kiosk(key: Curve25519.Signing.PublicKey?) async throws -> Kiosk {
        let directory = NSTemporaryDirectory() + "bundle-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try RecordStore.open(directory: directory, limits: .init(maximumQueueBytes: 1 << 30, minimumFreeBytes: 0, retentionMilliseconds: 0))
        let log = KeptLog()
        let logger = Logger(label: "test") { _ in log }
        let gallery = LocalGallery(store: StoreThread(store: store), cipher: try GalleryCipher.loadOrCreate(in: directory), scoring: MatchingSettings().scoring(),
                                   searchThreads: 1, logger: logger)
        await gallery.load()
        let importer = GalleryBundleImporter(gallery: gallery, publicKeyHex: key.map { Hex.encode(Array($0.rawRepresentation)) } ?? "",
                                             stateDirectory: directory, logger: logger)
        return Kiosk(directory: directory, gallery: gallery, importer: importer, log: log)
    }

    func refusals(_ kiosk: Kiosk) -> Int {
        kiosk.log.entries.filter { $0.id == CatalogEvent.galleryBundleRejected.messageID }.count
    }

    @Test func aSignedBundleIsImportedAndSearchedAndSurvivesARestart() async throws {
        let kiosk = try await kiosk(key: centralKey.publicKey)
        defer { kiosk.gallery.pool.stop() }
        let report = try await kiosk.importer.importBundle(try bundle(sequence: 5).encoded(signingWith: centralKey))
        #expect(report == GalleryImportReport(sequence: 5, entries: 12, records: 3, galleryEntries: 12))
        #expect(kiosk.log.entries.contains { $0.id == CatalogEvent.galleryBundleImported.messageID })
        let found = try await kiosk.gallery.candidates(for: GalleryFixtures.returning(2, fingers: [.rightIndex, .leftIndex]), limit: 5)
        #expect(found.map(\.recordID) == [GalleryFixtures.recordID(2)])

        let store = try RecordStore.open(directory: kiosk.directory, limits: .init(maximumQueueBytes: 1 << 30, minimumFreeBytes: 0, retentionMilliseconds: 0))
        let again = LocalGallery(store: StoreThread(store: store), cipher: try GalleryCipher.loadOrCreate(in: kiosk.directory), scoring: MatchingSettings().scoring(),
                                 searchThreads: 1, logger: Logger(label: "test"))
        await again.load()
        defer { again.pool.stop() }
        #expect(again.recordCount == 3)
    }

    @Test func replayedAndOlderBundlesAreRefused() async throws {
        let kiosk = try await kiosk(key: centralKey.publicKey)
        defer { kiosk.gallery.pool.stop() }
        let signed = try bundle(sequence: 7).encoded(signingWith: centralKey)
        _ = try await kiosk.importer.importBundle(signed)
        await #expect(throws: GalleryImportRefusal.self) { try await kiosk.importer.importBundle(signed) }
        await #expect(throws: GalleryImportRefusal.self) { try await kiosk.importer.importBundle(try bundle(sequence: 6).encoded(signingWith: centralKey)) }
        #expect(refusals(kiosk) == 2)
        #expect(kiosk.gallery.entryCount == 12)
        _ = try await kiosk.importer.importBundle(try bundle(sequence: 8, people: 4...4).encoded(signingWith: centralKey))
        #expect(kiosk.gallery.recordCount == 4)
    }

    @Test func wrongKeyAndNoKeyAreRefused() async throws {
        let kiosk = try await kiosk(key: centralKey.publicKey)
        defer { kiosk.gallery.pool.stop() }
        let forged = try bundle(sequence: 1).encoded(signingWith: Curve25519.Signing.PrivateKey())
        await #expect(throws: GalleryImportRefusal.self) { try await kiosk.importer.importBundle(forged) }
        let unconfigured = try await self.kiosk(key: nil)
        defer { unconfigured.gallery.pool.stop() }
        await #expect(throws: GalleryImportRefusal.self) { try await unconfigured.importer.importBundle(try bundle(sequence: 1).encoded(signingWith: centralKey)) }
        #expect(kiosk.gallery.entryCount == 0 && unconfigured.gallery.entryCount == 0)
        #expect(refusals(kiosk) == 1 && refusals(unconfigured) == 1)
    }

    @Test func everyTruncationAndTamperingIsRefusedBeforeAnythingIsStored() throws {
        let signed = try bundle(sequence: 3, people: 1...1).encoded(signingWith: centralKey)
        #expect(try GalleryBundle.verify(signed, key: centralKey.publicKey) == bundle(sequence: 3, people: 1...1).roundTripped)
        for length in 0..<signed.count {
            #expect(throws: GalleryBundle.Refusal.self) { try GalleryBundle.verify(Array(signed.prefix(length)), key: centralKey.publicKey) }
        }
        var g = SeededGenerator(seed: 11)
        for _ in 0..<500 {
            var tampered = signed
            tampered[Int.random(in: 0..<tampered.count, using: &g)] ^= UInt8.random(in: 1...255, using: &g)
            #expect(throws: GalleryBundle.Refusal.self) { try GalleryBundle.verify(tampered, key: centralKey.publicKey) }
        }
        #expect(throws: GalleryBundle.Refusal.self) { try GalleryBundle.verify(signed + [0], key: centralKey.publicKey) }
    }

    @Test func oversizedAndHostileButSignedBundlesAreRefused() throws {
        let huge = [UInt8](repeating: 0, count: GalleryBundle.maximumSize + 1)
        #expect(throws: GalleryBundle.Refusal.self) { try GalleryBundle.verify(huge, key: centralKey.publicKey) }
        // Signed by the right key but malformed: the content is still checked.
        func signedBody(_ body: [UInt8]) throws -> [UInt8] { body + Array(try centralKey.signature(for: body)) }
        let header = GalleryBundle.magic + [UInt8](repeating: 0, count: 7) + [1] + [UInt8](repeating: 0, count: 8)
        let cases: [[UInt8]] = [
            header + [0xFF, 0xFF, 0xFF, 0xFF],                                  // 4 billion entries announced
            header + [0, 0, 0, 1] + [UInt8](repeating: 7, count: 16) + [0],     // finger position 0
            header + [0, 0, 0, 1] + [UInt8](repeating: 7, count: 16) + [2, 0x7F, 0xFF, 0xFF, 0xFF],  // template of 2 GiB
            header + [0, 0, 0, 1] + [UInt8](repeating: 7, count: 16) + [2, 0, 0, 0, 4] + Array("FMR\0".utf8),  // not a template
            header + [0, 0, 0, 0, 9],                                           // bytes after the last entry
        ]
        for body in cases {
            #expect(throws: GalleryBundle.Refusal.self) { try GalleryBundle.verify(try signedBody(body), key: centralKey.publicKey) }
        }
        // An empty bundle is valid (a central server with nobody to send).
        #expect(try GalleryBundle.verify(try signedBody(header + [0, 0, 0, 0]), key: centralKey.publicKey).entries.isEmpty)
    }
}

extension GalleryBundle {
    /// As the kiosk reads it back: templates pass through ISO 19794-2 (whole pixels,
    /// 256ths of a turn).
    var roundTripped: GalleryBundle {
        var copy = self
        copy.entries = entries.map { entry in
            var e = entry
            e.template = try! ISO19794Template.decode(ISO19794Template.encode(entry.template, fingerPosition: entry.fingerPosition))
            return e
        }
        return copy
    }
}
