import ControlAPI
import Crypto
import EnrollCore
import EventLog
import Foundation
import Logging
import Matching
import Synchronization

/// Verifies central gallery bundles and adds their templates to the gallery. Replays are
/// refused: the last imported sequence number is kept in the state directory, and a
/// bundle must carry a higher one.
final class GalleryBundleImporter: GalleryImporter {
    /// The file (in the state directory) holding the last imported sequence number.
    static let sequenceFileName = "gallery-bundle.sequence"

    private let gallery: LocalGallery
    private let key: Curve25519.Signing.PublicKey?
    private let sequencePath: String
    private let logger: Logger
    /// One import at a time, so two uploads cannot both pass the replay check.
    private let busy = Mutex(false)

    init(gallery: LocalGallery, publicKeyHex: String, stateDirectory: String, logger: Logger) {
        self.gallery = gallery
        self.key = Hex.decode(publicKeyHex).flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
        self.sequencePath = stateDirectory + "/" + Self.sequenceFileName
        self.logger = logger
    }

    /// The last sequence imported, 0 when none was.
    var lastSequence: UInt64 {
        (try? String(contentsOfFile: sequencePath, encoding: .utf8)).flatMap { UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
    }

    func importBundle(_ bytes: [UInt8]) async throws -> GalleryImportReport {
        guard busy.withLock({ busy in defer { busy = true }; return !busy }) else {
            throw refuse("another bundle is being imported")
        }
        defer { busy.withLock { $0 = false } }
        guard let key else { throw refuse("no central gallery key is configured (matching.bundle_public_key)") }
        let bundle: GalleryBundle
        do { bundle = try GalleryBundle.verify(bytes, key: key) } catch { throw refuse(error.description) }
        let last = lastSequence
        guard bundle.sequence > last else {
            throw refuse("bundle \(bundle.sequence) is not newer than the last imported (\(last)): a replay")
        }
        var grouped: [RecordID: [UInt8: [Matching.FingerprintTemplate]]] = [:]
        for entry in bundle.entries { grouped[entry.recordID, default: [:]][entry.fingerPosition, default: []].append(entry.template) }
        for (record, fingers) in grouped.sorted(by: { $0.key < $1.key }) {
            try await gallery.add(record: record, fingers: fingers.mapValues { Array($0.prefix(GalleryTemplates.maximumTemplates)) })
        }
        // Removals last, and before the sequence is recorded: an interrupted import is
        // imported again, so a removal is never skipped.
        let removed = try await gallery.remove(records: bundle.removals)
        try "\(bundle.sequence)\n".write(toFile: sequencePath, atomically: true, encoding: .utf8)
        let report = GalleryImportReport(sequence: bundle.sequence, entries: bundle.entries.count, records: grouped.count,
                                         galleryEntries: gallery.entryCount, removed: removed)
        logger.log(.galleryBundleImported, "Imported gallery bundle \(bundle.sequence): \(report.entries) templates of \(report.records) records, \(removed) records removed", metadata: [
            "gallery.bundle": "\(bundle.sequence)", "gallery.entries": "\(report.galleryEntries)", "gallery.removed": "\(removed)",
        ])
        return report
    }

    private func refuse(_ reason: String) -> GalleryImportRefusal {
        logger.log(.galleryBundleRejected, "A gallery bundle was refused: \(reason)", metadata: [LogKey.error: "\(reason)"])
        return GalleryImportRefusal(reason: reason)
    }
}
