import Foundation
import TestSupport

/// NIST NFIQ 2's own score and native measures for the FVC2002 fixtures, computed at test time
/// by `scripts/nfiq2-native-measures` (NIST's library in the nbis-py wheel): the yardstick for
/// the Swift measures and for the forest evaluator. Computed once per test process.
enum NFIQ2Reference {
    struct Row: Sendable {
        let file: String
        let score: Int
        let measures: [String: Double]
    }

    static let sets = ["FVC2002_DB1_B", "FVC2002_DB2_B"]
    static let forestPath = ProcessInfo.processInfo.environment["ENROLLD_NFIQ2_FOREST"] ?? "/usr/share/enrolld/nfiq2-forest.yaml"
    static let haveForest = FileManager.default.fileExists(atPath: forestPath)
    static let haveFixtures = sets.allSatisfy { SharedFixtures.exists("fvc2002/\($0)") }
    static let haveWheel: Bool = {
        guard let run = try? RunningProcess.run("/usr/bin/env", ["python3", "-c", "import nbis"], folder: FileManager.default.temporaryDirectory) else { return false }
        return run.0 == 0
    }()

    /// Per set, its rows (images NFIQ 2 refused are left out).
    static let rows: [String: [Row]] = {
        var out = [String: [Row]]()
        guard haveWheel, haveFixtures else { return out }
        let script = BuiltProducts.repositoryRoot.appendingPathComponent("scripts/nfiq2-native-measures").path
        for set in sets {
            let folder = SharedFixtures.path("fvc2002/\(set)")
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".tif") }.sorted()
            guard let run = try? RunningProcess.run("/usr/bin/env", ["python3", script] + files.map { "\(folder)/\($0)" }, folder: FileManager.default.temporaryDirectory),
                  run.0 == 0 else { continue }
            out[set] = parse(run.1)
        }
        return out
    }()

    static func parse(_ csv: String) -> [Row] {
        let lines = csv.split(whereSeparator: \.isNewline)
        guard let header = lines.first?.split(separator: ",").map(String.init) else { return [] }
        return lines.dropFirst().compactMap { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count, let value = Double(fields[1]), value >= 0 else { return nil }
            let score = Int(value)
            var measures = [String: Double]()
            for (name, field) in zip(header.dropFirst(2), fields.dropFirst(2)) { measures[name] = Double(field) }
            return Row(file: fields[0], score: score, measures: measures)
        }
    }
}
