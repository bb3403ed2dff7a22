import EnrollCore
import Fingerprint
import Foundation
import Imaging
import Matching

/// The evaluation behind `enrollctl eval match`: extraction, all pairs, error rates, speed.
struct MatchEvaluation {
    struct Report: Codable {
        var templates = 0
        var failedImages: [String] = []
        var genuinePairs = 0
        var impostorPairs = 0
        var eer = 0.0, fmr100 = 0.0, fmr1000 = 0.0, zeroFMR = 0.0
        var meanExtractionMilliseconds = 0.0
        var comparisonsPerSecond = 0.0
        var galleryEntries = 0
        var searchMilliseconds: Double?
        var firstStagePerSecond: Double?

        var text: String {
            func percent(_ value: Double) -> String { String(format: "%.2f %%", value * 100) }
            var lines = [
                "templates        \(templates) (\(genuinePairs) genuine, \(impostorPairs) impostor pairs)",
                "EER              \(percent(eer))",
                "FMR100           \(percent(fmr100))",
                "FMR1000          \(percent(fmr1000))",
                "ZeroFMR          \(percent(zeroFMR))",
                "extraction       \(String(format: "%.1f", meanExtractionMilliseconds)) ms per image (libfprint NBIS)",
                "1:1 comparisons  \(Int(comparisonsPerSecond)) per second (one core)",
            ]
            if let searchMilliseconds, let firstStagePerSecond {
                lines.append("1:N search       \(String(format: "%.1f", searchMilliseconds)) ms per probe against \(galleryEntries) entries (first stage \(Int(firstStagePerSecond)) per second)")
            }
            if !failedImages.isEmpty { lines.append("not used         \(failedImages.joined(separator: ", "))") }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    var report = Report()
    var pairs: [FVCProtocol.Pair] = []

    static let imageExtensions: Set<String> = ["tif", "tiff", "png"]

    static func run(folder: String, ppi: Float, galleryEntries: Int, export: String?) throws -> MatchEvaluation {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted() } catch {
            throw CommandFailure("Cannot read \(folder): \(error.localizedDescription)")
        }
        var evaluation = MatchEvaluation()
        var stems: [String] = [], raw: [Matching.FingerprintTemplate] = []
        var extraction = Duration.zero
        for name in names where imageExtensions.contains((name as NSString).pathExtension.lowercased()) {
            let stem = (name as NSString).deletingPathExtension
            guard stem.split(separator: "_").count == 2 else { continue }
            do {
                let image = try ImageFile.read(path: folder + "/" + name)
                let started = ContinuousClock.now
                let minutiae = try NBISMinutiae.detect(image)
                extraction += ContinuousClock.now - started
                let print = PrintTemplate(kind: .nbis, driver: "eval", deviceID: "", deviceStored: false, libfprintFinger: 0,
                                          enrollJulianDay: nil, minutiaeSets: [minutiae])
                guard let template = print.matchingTemplates(ppi: ppi).first else { throw CommandFailure("no minutiae") }
                stems.append(stem)
                raw.append(template)
            } catch {
                evaluation.report.failedImages.append(name)
            }
        }
        guard stems.count >= 2 else { throw CommandFailure("\(folder) holds fewer than two usable images named FINGER_IMPRESSION.tif|png") }
        if let export { try write(raw, names: stems, to: export) }
        evaluation.report.templates = stems.count
        evaluation.report.meanExtractionMilliseconds = extraction.seconds * 1000 / Double(stems.count)
        let prepared = raw.map(MatchTemplate.init)
        evaluation.compareAll(stems: stems, prepared: prepared)
        if galleryEntries > 0 { evaluation.measureSearch(raw: raw, prepared: prepared, entries: galleryEntries) }
        return evaluation
    }

    /// Every pair once: same finger genuine, different fingers impostor.
    mutating func compareAll(stems: [String], prepared: [MatchTemplate]) {
        let started = ContinuousClock.now
        let protocolRun = FVCProtocol(names: stems, templates: prepared)
        let elapsed = (ContinuousClock.now - started).seconds
        pairs = protocolRun.pairs
        let rates = protocolRun.rates
        report.genuinePairs = protocolRun.genuine.count
        report.impostorPairs = protocolRun.impostor.count
        report.eer = rates.equalErrorRate
        report.fmr100 = rates.fnmr(atFMR: 0.01)
        report.fmr1000 = rates.fnmr(atFMR: 0.001)
        report.zeroFMR = rates.fnmr(atFMR: 0)
        report.comparisonsPerSecond = Double(pairs.count) / max(elapsed, 1e-9)
    }

    /// The templates turned and moved into `entries` distinct-looking gallery entries; each
    /// real template is then searched (first stage + exact re-scoring of 32).
    mutating func measureSearch(raw: [Matching.FingerprintTemplate], prepared: [MatchTemplate], entries: Int) {
        let index = ReplicatedGallery.make(from: raw, entries: entries)
        let probes = prepared.prefix(20)
        let started = ContinuousClock.now
        for probe in probes { _ = index.search(prepared: probe, shortlist: 32) }
        let perProbe = (ContinuousClock.now - started).seconds / Double(probes.count)
        let signatures = probes.map(CompactCylinders.init)
        let firstStarted = ContinuousClock.now
        for signature in signatures { _ = index.firstStage(signature, keep: 32) }
        let firstStage = (ContinuousClock.now - firstStarted).seconds
        report.galleryEntries = entries
        report.searchMilliseconds = perProbe * 1000
        report.firstStagePerSecond = Double(entries * signatures.count) / max(firstStage, 1e-9)
    }

    static func write(_ templates: [Matching.FingerprintTemplate], names: [String], to folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (template, name) in zip(templates, names) {
                try PrivateFile.write(Data(ISO19794Template.encode(template)), to: folder + "/" + name + ".ist")
            }
        } catch {
            throw CommandFailure("Cannot write templates to \(folder): \(error.localizedDescription)")
        }
    }
}
