import EnrollCore
import EventLog
import Foundation
import Logging
import Matching
import Metrics
import ServiceLifecycle
import Store
import Synchronization
import Trust

/// The kiosk's gallery for the session's duplicate check: every finger enrolled here
/// (synced or not) and every finger imported from a signed central bundle, loaded from
/// the store at start, kept in one `GalleryIndex` per finger position, and searched on a
/// `SearchPool`, never on the cooperative pool or the GLib thread. Its rows are read and
/// written on the store's thread; opening, decoding and sealing them runs on the pool.
///
/// Templates are sealed with the `GalleryCipher` in the store; in memory they are the
/// matcher's minutiae only. The journal sees counts and timings, never templates or
/// record ids.
final class LocalGallery: DuplicateSearching, Service {
    /// Why the gallery could not do what was asked.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    struct State {
        /// ISO finger position → index; entry ids are "RECORD/POSITION/STAGE".
        var indices: [UInt8: GalleryIndex] = [:]
        /// record id → finger position → entry ids, for re-scoring every finger of a
        /// candidate the first stage found by one finger.
        var records: [String: [UInt8: [String]]] = [:]
        var loaded = false
        /// Why the gallery as a whole could not be read (no store, no gallery key, the
        /// table unreadable): searches then fail instead of answering "nobody".
        var unavailable: String?
        var waiting: [CheckedContinuation<Void, Never>] = []

        var entryCount: Int { indices.values.reduce(0) { $0 + $1.count } }
    }

    let store: StoreThread?
    let cipher: GalleryCipher?
    let scoring: PersonScoring
    /// First-stage survivors re-scored exactly, per probe template.
    let shortlist: Int
    /// `matching.candidates`: the most a search returns, whatever the caller asks.
    let maximumCandidates: Int
    let pool: SearchPool
    let state = Mutex(State())
    let logger: Logger
    let entriesGauge = Gauge(label: "enrolld_gallery_entries")
    let peopleGauge = Gauge(label: "enrolld_gallery_records")

    init(store: StoreThread?, cipher: GalleryCipher?, scoring: PersonScoring, searchThreads: Int, shortlist: Int = 32,
         maximumCandidates: Int = 10, logger: Logger) {
        self.maximumCandidates = maximumCandidates
        self.store = store
        self.cipher = cipher
        self.scoring = scoring
        self.shortlist = shortlist
        self.pool = SearchPool(threads: searchThreads)
        self.logger = logger
        // Present in /metrics from the start, also while a large gallery still loads.
        entriesGauge.record(0)
        peopleGauge.record(0)
    }

    /// Loads the gallery, serves until shut-down, then lets running searches finish.
    func run() async throws {
        await load()
        try? await gracefulShutdown()
        pool.stop()
    }

    /// Entries (fingers × stages) in the index.
    var entryCount: Int { state.withLock { $0.entryCount } }
    /// Records (people) with at least one finger in the gallery.
    var recordCount: Int { state.withLock { $0.records.count } }

    /// Waits until the start-up load has finished (at once when it has).
    func loaded() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                if !state.loaded { state.waiting.append(continuation) }
                return state.loaded
            }
            if done { continuation.resume() }
        }
    }

    func candidates(for probes: [FingerPosition: PrintTemplate], limit: Int) async throws -> [DuplicateCandidate] {
        await loaded()
        if let reason = state.withLock({ $0.unavailable }) { throw Failure(description: "the gallery is unavailable: \(reason)") }
        let snapshot = state.withLock { ($0.indices, $0.records) }
        let scoring = scoring, shortlist = shortlist, limit = min(limit, maximumCandidates)
        let started = ContinuousClock.now
        let found = try await pool.run {
            GallerySearch(indices: snapshot.0, records: snapshot.1, scoring: scoring, shortlist: shortlist)
                .candidates(for: probes, limit: limit)
        }
        logger.debug("Gallery searched", metadata: [
            "gallery.entries": "\(snapshot.0.values.reduce(0) { $0 + $1.count })", "gallery.fingers": "\(probes.count)",
            "gallery.candidates": "\(found.count)", "duration.ms": "\((ContinuousClock.now - started).milliseconds)",
        ])
        return found
    }

    func insert(recordID: String, templates: [FingerPosition: PrintTemplate]) async throws {
        guard let record = RecordID(recordID) else { throw Failure(description: "not a record id") }
        let converted = templates.mapValues { $0.matchingTemplates() }.filter { !$0.value.isEmpty }
        guard !converted.isEmpty else { return }
        try await add(record: record, fingers: converted.reduce(into: [:]) { $0[UInt8($1.key.rawValue)] = $1.value })
    }

    /// Seals and stores each finger's templates, then indexes them as read back, so the
    /// index holds exactly what a restart will load.
    func add(record: RecordID, fingers: [UInt8: [Matching.FingerprintTemplate]]) async throws {
        await loaded()
        guard let store, let cipher else { throw Failure(description: "the gallery store or key is unavailable") }
        let sealed = try await pool.run {
            var rows: [GalleryEntry] = []
            var added: [(UInt8, [Matching.FingerprintTemplate])] = []
            for (position, templates) in fingers.sorted(by: { $0.key < $1.key }) {
                let plain = GalleryTemplates.encode(templates, fingerPosition: position)
                var entryID = [UInt8](repeating: 0, count: 16)
                for index in entryID.indices { entryID[index] = UInt8.random(in: 0...255) }
                rows.append(GalleryEntry(
                    entryID: entryID, recordID: record, fingerPosition: position, sealedTemplate: try cipher.seal(plain, entryID: entryID),
                    addedAt: RecordKeeper.unixMilliseconds()))
                added.append((position, try GalleryTemplates.decode(plain)))
            }
            return (rows, added)
        }
        let rows = sealed.0
        try await store.run { store in
            for row in rows { try store.addGalleryEntry(row) }
        }
        let added = sealed.1
        state.withLock { state in
            for (position, templates) in added { state.index(record: record.description, position: position, templates: templates) }
        }
        publishCounts()
    }

    /// Deletes every template of these records, from the store and then from the index
    /// (a removal list from the central office). Returns how many records had templates.
    func remove(records: [RecordID]) async throws -> Int {
        guard !records.isEmpty else { return 0 }
        await loaded()
        guard let store else { throw Failure(description: "the gallery store is unavailable") }
        let now = RecordKeeper.unixMilliseconds()
        let removed = try await store.run { store in try store.removeGalleryRecords(records, at: now) }
        state.withLock { state in
            for record in records { state.unindex(record: record.description) }
        }
        publishCounts()
        return removed
    }

    func publishCounts() {
        let (entries, records) = state.withLock { ($0.entryCount, $0.records.count) }
        entriesGauge.record(entries)
        peopleGauge.record(records)
    }
}

extension LocalGallery.State {
    /// Puts one finger's templates in its position's index, replacing an earlier one of
    /// the same record and finger.
    mutating func index(record: String, position: UInt8, templates: [Matching.FingerprintTemplate]) {
        var index = indices[position] ?? GalleryIndex()
        for old in records[record]?[position] ?? [] { index.remove(id: old) }
        var ids: [String] = []
        for (stage, template) in templates.enumerated() {
            let id = "\(record)/\(position)/\(stage)"
            index.add(id: id, template: template)
            ids.append(id)
        }
        indices[position] = index
        records[record, default: [:]][position] = ids
    }

    /// Takes every finger of `record` out of the indices.
    mutating func unindex(record: String) {
        guard let fingers = records.removeValue(forKey: record) else { return }
        for (position, ids) in fingers {
            for id in ids { indices[position]?.remove(id: id) }
        }
    }
}

extension LocalGallery {
    /// The daemon's gallery, on the record keeper's store and key.
    static func make(configuration: MatchingSettings, records: RecordKeeper) -> LocalGallery {
        LocalGallery(
            store: records.openStore, cipher: records.galleryCipher, scoring: configuration.scoring(),
            searchThreads: configuration.searchThreads, maximumCandidates: configuration.candidates,
            logger: Logger(label: "enrolld.gallery"))
    }
}
