/// The local gallery for 1:N search: people enrolled at this kiosk and records not yet
/// synced. A search scans every entry's `CompactCylinders` (the first stage, about two
/// million entries a second per core), then scores the best `shortlist` entries exactly
/// with the `Matcher` and returns the ranked candidates. Per entry the index holds the
/// compact cylinders (128 bytes) and the minutiae (6 bytes each, as in an ISO record);
/// full cylinders are rebuilt only for the shortlist.
public struct GalleryIndex: Sendable {
    /// One search result.
    public struct Candidate: Sendable, Equatable {
        /// The gallery entry's id (a record id, never a name).
        public let id: String
        /// The exact 1:1 score, 0–100.
        public let score: Double
    }

    private var ids: [String] = []
    /// Where each id sits, so adding and removing stay O(1) when the daemon loads 100,000
    /// entries at start-up (a linear search made loading quadratic).
    private var positions: [String: Int] = [:]
    private var signatures: [CompactCylinders] = []
    private var templates: [FingerprintTemplate] = []
    private let matcher = Matcher()

    public init() {}

    public var count: Int { ids.count }

    /// Whether an entry with this id is in the index.
    public func contains(id: String) -> Bool { positions[id] != nil }

    /// The exact 1:1 score of `probe` against the entry `id`, nil when there is no such
    /// entry: fusion needs every finger of a candidate, also those the first stage missed.
    public func score(_ probe: MatchTemplate, against id: String) -> Double? {
        guard let index = positions[id] else { return nil }
        return matcher.score(probe, MatchTemplate(templates[index]))
    }

    /// Adds an entry, or replaces the one with the same id (a re-enrolled finger).
    public mutating func add(id: String, template: FingerprintTemplate) {
        if let index = positions[id] {
            signatures[index] = CompactCylinders(MatchTemplate(template))
            templates[index] = template
            return
        }
        positions[id] = ids.count
        ids.append(id)
        signatures.append(CompactCylinders(MatchTemplate(template)))
        templates.append(template)
    }

    /// Removes an entry (a record purged after its retention period).
    public mutating func remove(id: String) {
        guard let index = positions.removeValue(forKey: id) else { return }
        // Move the last entry into the hole: order carries no meaning in the index.
        let last = ids.count - 1
        if index != last {
            ids[index] = ids[last]
            signatures[index] = signatures[last]
            templates[index] = templates[last]
            positions[ids[index]] = index
        }
        ids.removeLast()
        signatures.removeLast()
        templates.removeLast()
    }

    /// Bytes the index holds per entry, for the memory budget (1 KiB).
    public func bytes(ofEntry index: Int) -> Int {
        MemoryLayout<CompactCylinders>.size + templates[index].minutiae.count * 6 + ids[index].utf8.count
    }

    /// The entries most like `probe`: the `shortlist` best by signature, scored exactly,
    /// those at or above `threshold`, best first.
    public func search(_ probe: FingerprintTemplate, shortlist: Int = 32, threshold: Double = 0) -> [Candidate] {
        search(prepared: MatchTemplate(probe), shortlist: shortlist, threshold: threshold)
    }

    /// The same for a probe already prepared (one probe searched against several indices).
    public func search(prepared: MatchTemplate, shortlist: Int = 32, threshold: Double = 0) -> [Candidate] {
        firstStage(CompactCylinders(prepared), keep: shortlist)
            .map { Candidate(id: ids[$0], score: matcher.score(prepared, MatchTemplate(templates[$0]))) }
            .filter { $0.score >= threshold }
            .sorted { $0.score > $1.score }
    }

    /// Indices of the `keep` entries whose compact cylinders are most like the probe's.
    public func firstStage(_ signature: CompactCylinders, keep: Int) -> [Int] {
        guard keep > 0, !signatures.isEmpty else { return [] }
        // A bounded min-heap of (overlap, index): one pass, no sort of the whole gallery.
        var heap = BoundedHeap(capacity: min(keep, signatures.count))
        signatures.withUnsafeBufferPointer { all in
            for index in all.indices {
                heap.offer(score: all[index].overlap(signature), index: index)
            }
        }
        return heap.sortedIndices()
    }
}

/// Keeps the `capacity` highest scores seen.
struct BoundedHeap {
    private var items: [(score: Int, index: Int)] = []
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        items.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func offer(score: Int, index: Int) {
        if items.count < capacity {
            items.append((score, index))
            siftUp(items.count - 1)
        } else if score > items[0].score {
            items[0] = (score, index)
            siftDown(0)
        }
    }

    func sortedIndices() -> [Int] {
        items.sorted { $0.score > $1.score }.map(\.index)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].score < items[parent].score else { return }
            items.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count && items[left].score < items[smallest].score { smallest = left }
            if right < items.count && items[right].score < items[smallest].score { smallest = right }
            guard smallest != parent else { return }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
