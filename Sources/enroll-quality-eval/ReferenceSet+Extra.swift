import FingerprintQuality
import Foundation
import Imaging

extension ReferenceSet {
    /// The sets in `fingerprints-extra/` (other sensors, scored by NFIQ 2 the same way as
    /// the reference scores; see its SOURCE.md): never used for fitting, so they show how
    /// the score carries to readers it has not seen. `nfiq2.csv` holds `set,file,ppi,
    /// nfiq2_score,…`; images NFIQ 2 refused (empty score) and sets it refused entirely
    /// are left out. Nil when the folder is absent.
    static func extraSets(fixtures: String, quality: FingerprintQuality) throws -> [ReferenceSet]? {
        let folder = "\(fixtures)/fingerprints-extra"
        guard let csv = try? String(contentsOfFile: "\(folder)/nfiq2.csv", encoding: .utf8) else { return nil }
        var sets: [String: ReferenceSet] = [:]
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false)
            guard fields.count >= 4, let score = Double(fields[3]) else { continue }
            let (name, file) = (String(fields[0]), String(fields[1]))
            var set = sets[name] ?? ReferenceSet(name: name)
            set.measures.append(quality.measures(try ImageFile.read(path: "\(folder)/\(name)/\(file)")))
            set.reference.append(score)
            set.files.append(file)
            sets[name] = set
        }
        return sets.keys.sorted().compactMap { sets[$0] }
    }
}
