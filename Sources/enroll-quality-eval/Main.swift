import EnrollCore
import FingerprintQuality
import Foundation
import Imaging

/// `swift run -c release enroll-quality-eval [--fit] [--fixtures DIR]`: Spearman rank
/// correlation of the fingerprint score with NIST NFIQ 2 on FVC2002 DB1_B and DB2_B.
/// `--fit` refits the model's weights on DB1_B only and reports DB2_B as held out.
/// `enroll-quality-eval bench [SECONDS]`: milliseconds per 400×400 print on one core.
/// `enroll-quality-eval measure FILE…`: the measures of each file as CSV (for the refit).
@main
struct QualityEval {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "bench" {
            try Bench.run(seconds: arguments.dropFirst().first.flatMap(Double.init) ?? 3)
            return
        }
        if arguments.first == "measure" {
            Measure.run(Array(arguments.dropFirst()))
            return
        }
        let fit = arguments.contains("--fit")
        arguments.removeAll { $0 == "--fit" }
        var fixtures = "../shared/fixtures"
        if let index = arguments.firstIndex(of: "--fixtures"), index + 1 < arguments.count { fixtures = arguments[index + 1] }

        var modelPath = "/usr/share/enrolld/nfiq2-forest.yaml"
        if let index = arguments.firstIndex(of: "--model"), index + 1 < arguments.count { modelPath = arguments[index + 1] }
        let forest: QualityForest?
        do { forest = try QualityForest(contentsOf: URL(fileURLWithPath: modelPath)) } catch {
            print("NFIQ 2's forest not loaded (\(error)): the kiosk's score is the linear model's")
            forest = nil
        }
        let quality = FingerprintQuality(forest: forest)
        let db1 = try ReferenceSet(fixtures: fixtures, name: "FVC2002_DB1_B", quality: quality)
        let db2 = try ReferenceSet(fixtures: fixtures, name: "FVC2002_DB2_B", quality: quality)
        var model = FingerQualityModel.fitted
        if fit {
            guard let refitted = FingerQualityModel.fit(db1.measures, scores: db1.reference) else {
                print("fit failed: singular system"); exit(1)
            }
            model = refitted
            print("weights fitted on DB1_B (\(FingerQualityModel.inputNames.joined(separator: ", ")), intercept):")
            print("  [" + model.weights.map { String(format: "%.6g", $0) }.joined(separator: ", ") + "]")
        }
        if forest != nil {
            print("Spearman rank correlation with NIST NFIQ 2, the kiosk's score (NFIQ 2's forest over the native measures computed here):")
            print(String(format: "  DB1_B (%d images): %.3f", db1.reference.count, Spearman.rho(db1.scores, db1.reference)))
            print(String(format: "  DB2_B (%d images): %.3f", db2.reference.count, Spearman.rho(db2.scores, db2.reference)))
            let exact = zip(db1.scores + db2.scores, db1.reference + db2.reference).filter { $0 == $1 }.count
            let near = zip(db1.scores + db2.scores, db1.reference + db2.reference).filter { abs($0 - $1) <= 5 }.count
            print("  same score as NFIQ 2: \(exact) of \(db1.scores.count + db2.scores.count); within 5 points: \(near)")
            // The alternative for FingerJet's minutiae measures, for comparison.
            var skeleton = quality
            skeleton.minutiae = .skeleton
            let s1 = try ReferenceSet(fixtures: fixtures, name: "FVC2002_DB1_B", quality: skeleton)
            let s2 = try ReferenceSet(fixtures: fixtures, name: "FVC2002_DB2_B", quality: skeleton)
            print(String(format: "  with the skeleton's minutiae instead of FingerJet's typical values: DB1_B %.3f, DB2_B %.3f",
                         Spearman.rho(s1.scores, s1.reference), Spearman.rho(s2.scores, s2.reference)))
        }
        print("Spearman rank correlation with NIST NFIQ 2, the linear fallback model (\(fit ? "refitted" : "shipped") weights, fitted on DB1_B):")
        print(String(format: "  DB1_B (fit set, %d images): %.3f", db1.reference.count, db1.rho(model)))
        print(String(format: "  DB2_B (held out, %d images): %.3f", db2.reference.count, db2.rho(model)))
        if let extra = try ReferenceSet.extraSets(fixtures: fixtures, quality: quality) {
            print("Other sensors, never used for fitting (\(fixtures)/fingerprints-extra):")
            for set in extra {
                print(String(format: "  %-14@ (%d images): %.3f", set.name as NSString, set.reference.count, set.rho(model)))
            }
        } else {
            print("Other sensors: \(fixtures)/fingerprints-extra/nfiq2.csv is absent, not evaluated")
        }
        print("Single measures (no fitting):")
        for name in FingerMeasures().named.keys.sorted() {
            let a = Spearman.rho(db1.measures.map { $0.named[name] ?? 0 }, db1.reference)
            let b = Spearman.rho(db2.measures.map { $0.named[name] ?? 0 }, db2.reference)
            print(String(format: "  %-18@ DB1_B %6.3f  DB2_B %6.3f", name as NSString, a, b))
        }
        if arguments.contains("--dump") {
            let names = FingerMeasures().named.keys.sorted()
            print("set,file,nfiq2," + names.joined(separator: ","))
            for set in [db1, db2] {
                for (index, file) in set.files.enumerated() {
                    print("\(set.name),\(file),\(set.reference[index])," + names.map { String(set.measures[index].named[$0] ?? 0) }.joined(separator: ","))
                }
            }
        }
        if arguments.contains("--list") {
            for set in [db1, db2] {
                for (index, file) in set.files.enumerated() {
                    print("\(set.name)/\(file) nfiq2=\(Int(set.reference[index])) ours=\(Int(min(100, max(1, model.rawScore(set.measures[index]))).rounded()))")
                }
            }
        }
    }
}
