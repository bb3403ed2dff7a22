import EnrollCore
import Matching

/// One duplicate search over a snapshot of the gallery, run on a `SearchPool` thread.
///
/// Each probe finger is searched in its own position's index (a right index finger is
/// compared with right index fingers); every record the first stage brings up through any
/// finger is then scored exactly on every finger both sides have, so fusion sees all the
/// evidence, not only the fingers that happened to survive the first stage.
struct GallerySearch {
    let indices: [UInt8: GalleryIndex]
    let records: [String: [UInt8: [String]]]
    let scoring: PersonScoring
    let shortlist: Int

    func candidates(for probes: [FingerPosition: PrintTemplate], limit: Int) -> [DuplicateCandidate] {
        let prepared = probes.reduce(into: [UInt8: [MatchTemplate]]()) { result, probe in
            let templates = probe.value.matchingTemplates().map(MatchTemplate.init)
            if !templates.isEmpty { result[UInt8(probe.key.rawValue)] = templates }
        }
        return candidates(prepared: prepared, limit: limit)
    }

    /// The same for probes already in the matcher's form (tests and bundle checks).
    func candidates(prepared: [UInt8: [MatchTemplate]], limit: Int) -> [DuplicateCandidate] {
        guard limit > 0 else { return [] }
        var found = Set<String>()
        for (position, templates) in prepared {
            guard let index = indices[position] else { continue }
            for template in templates {
                for hit in index.search(prepared: template, shortlist: shortlist) {
                    found.insert(Self.record(of: hit.id))
                }
            }
        }
        var results: [DuplicateCandidate] = []
        for record in found {
            guard let fingers = records[record] else { continue }
            var scores: [Double] = []
            for (position, templates) in prepared {
                guard let ids = fingers[position], let index = indices[position] else { continue }
                // The best stage of the gallery finger against the best probe template.
                let best = templates.flatMap { probe in ids.compactMap { index.score(probe, against: $0) } }.max()
                if let best { scores.append(best) }
            }
            guard !scores.isEmpty, scoring.isCandidate(fingerScores: scores) else { continue }
            results.append(DuplicateCandidate(recordID: record, score: scoring.fusedScore(fingerScores: scores)))
        }
        return Array(results.sorted { $0.score != $1.score ? $0.score > $1.score : $0.recordID < $1.recordID }.prefix(limit))
    }

    /// "RECORD/POSITION/STAGE" → "RECORD".
    static func record(of entryID: String) -> String {
        String(entryID.prefix { $0 != "/" })
    }
}
