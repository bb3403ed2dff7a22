import EnrollCore
import EventLog
import Foundation
import Logging
import Matching
import Store
import Synchronization
import Trust

extension LocalGallery {
    /// Reads every stored entry on the store's thread, opens it with the gallery key and
    /// decodes it on the pool, and indexes it. An entry that cannot be opened (altered
    /// bytes, another kiosk's key) or read (not a template list) is skipped: one bad row must
    /// not cost the kiosk its whole duplicate check. The skips are reported once, as a
    /// count, with their reasons.
    func load() async {
        let alreadyLoaded = state.withLock { $0.loaded }
        guard !alreadyLoaded else { return }
        let started = ContinuousClock.now
        var outcome = LoadOutcome()
        if let store, let cipher {
            do {
                let rows = try await store.run { store throws(StoreError) in try store.galleryEntries() }
                outcome = (try? await pool.run { Self.open(rows, cipher: cipher) }) ?? LoadOutcome(failure: "the gallery is shutting down")
            } catch {
                outcome.failure = "\(error)"
            }
        } else {
            outcome.failure = store == nil ? "the record store is not open" : "the gallery key is not available"
        }
        let waiting = state.withLock { state in
            state.unavailable = outcome.failure
            for entry in outcome.entries {
                state.index(record: entry.record, position: entry.position, templates: entry.templates)
            }
            state.loaded = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
        publishCounts()
        if let failure = outcome.failure {
            logger.log(.galleryEntriesSkipped, "The gallery could not be read: \(failure); records say their duplicate check did not run",
                       metadata: [LogKey.error: "\(failure)"])
        }
        if !outcome.skipped.isEmpty {
            let reasons = outcome.skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            logger.log(.galleryEntriesSkipped, "\(outcome.skipped.values.reduce(0, +)) gallery entries were skipped (\(reasons))",
                       metadata: [LogKey.error: "\(reasons)", "gallery.skipped": "\(outcome.skipped.values.reduce(0, +))"])
        }
        logger.info("Gallery loaded", metadata: [
            "gallery.entries": "\(entryCount)", "gallery.records": "\(recordCount)",
            "duration.ms": "\((ContinuousClock.now - started).milliseconds)",
        ])
    }

    struct LoadOutcome: Sendable {
        var entries: [(record: String, position: UInt8, templates: [Matching.FingerprintTemplate])] = []
        /// Reason → how many entries.
        var skipped: [String: Int] = [:]
        var failure: String?
    }

    static func open(_ rows: [GalleryEntry], cipher: GalleryCipher) -> LoadOutcome {
        var outcome = LoadOutcome()
        for row in rows {
            guard let plain = cipher.open(row.sealedTemplate, entryID: row.entryID) else {
                outcome.skipped["not openable with the gallery key", default: 0] += 1
                continue
            }
            guard let templates = try? GalleryTemplates.decode(plain) else {
                outcome.skipped["not a template list", default: 0] += 1
                continue
            }
            outcome.entries.append((row.recordID.description, row.fingerPosition, templates))
        }
        return outcome
    }
}
