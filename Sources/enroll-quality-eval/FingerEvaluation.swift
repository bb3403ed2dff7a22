import EnrollCore
import FingerprintQuality
import Foundation
import Imaging

/// One FVC set with NIST NFIQ 2's scores for it.
struct ReferenceSet {
    var name: String
    var measures: [FingerMeasures] = []
    /// The score as the kiosk gives it (NFIQ 2's forest where one is loaded).
    var scores: [Double] = []
    var reference: [Double] = []
    var files: [String] = []

    /// Reads `reference-scores/<name>_quality.csv` (file, minutiae, nfiq2 score; an empty
    /// score means NFIQ 2 failed on the image, which is left out) and the images beside it.
    init(fixtures: String, name: String, quality: FingerprintQuality) throws {
        self.name = name
        let csv = try String(contentsOfFile: "\(fixtures)/reference-scores/\(name)_quality.csv", encoding: .utf8)
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 3, let score = Double(fields[2]) else { continue }
            let file = String(fields[0])
            let image = try ImageFile.read(path: "\(fixtures)/fvc2002/\(name)/\(file)")
            measures.append(quality.measures(image))
            scores.append(Double(quality.assess(image).score))
            reference.append(score)
            files.append(file)
        }
    }

    init(name: String) { self.name = name }

    func rho(_ model: FingerQualityModel) -> Double {
        Spearman.rho(measures.map { min(100, max(1, model.rawScore($0))) }, reference)
    }
}
