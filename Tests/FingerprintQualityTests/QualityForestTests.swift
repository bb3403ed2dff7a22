import Foundation
import Testing
@testable import FingerprintQuality

/// The reader and evaluator of NFIQ 2's forest: broken, truncated and hostile files are
/// refused with a reason; NIST's own forest, fed NIST's own measures, gives NIST's scores.
@Suite struct QualityForestTests {
    /// A forest of `trees` stumps in OpenCV's layout: each splits on measure `index % 69` at 0.5
    /// and votes good above it.
    static func stumps(trees: Int = 100, inputs: Int = 69, extra: String = "") -> String {
        var text = "%YAML:1.0\n---\nmy_random_trees:\n   format: 3\n   is_classifier: 1\n   var_all: \(inputs + 1)\n   var_count: \(inputs)\n"
        text += "   ntrees: \(trees)\n   trees:\n"
        for index in 0..<trees {
            text += "      -\n         nodes:\n            -\n               depth: 0\n               value: 1.\n               norm_class_idx: 1\n"
            text += "               splits:\n                  - { var:\(index % inputs), quality:3.5e+03,\n                      le:5.0000000000000000e-01 }\n"
            text += "            -\n               depth: 1\n               value: 0.\n               norm_class_idx: 0\n"
            text += "            -\n               depth: 1\n               value: 1.\n               norm_class_idx: 1\n\(extra)"
        }
        return text
    }

    @Test func stumpsVoteByTheirMeasure() throws {
        let forest = try QualityForest(yaml: Array(Self.stumps().utf8))
        #expect(forest.nodeCount == 300)
        #expect(forest.score([Double](repeating: 0, count: 69)) == 0)
        #expect(forest.score([Double](repeating: 1, count: 69)) == 100)
        // Measures 0…9 above the threshold: trees 0…9, 69…78 vote good.
        #expect(forest.score((0..<69).map { $0 < 10 ? 1 : 0 }) == 20)
        // Exactly at the threshold goes left (≤), as OpenCV splits.
        #expect(forest.score([Double](repeating: 0.5, count: 69)) == 0)
    }

    @Test(arguments: [
        ("", "not a YAML document"),
        ("%YAML:1.0\n", "found 0 trees"),
        ("%YAML:1.0\nmy_random_trees:\n   is_classifier: 0\n   var_count: 69\n   ntrees: 0\n", "two-class"),
    ])
    func emptyOrWrongHeaderIsRefused(_ text: String, _ reason: String) {
        #expect { try QualityForest(yaml: Array(text.utf8)) } throws: { ($0 as? QualityForest.LoadError).map { "\($0)".contains(reason) } ?? false }
    }

    @Test func wrongShapesAreRefused() {
        let cases: [(String, String)] = [
            (Self.stumps(trees: 99), "100 trees"),
            (Self.stumps(inputs: 12), "over 69"),
            (Self.stumps().replacingOccurrences(of: "var:0,", with: "var:700,"), "splits on measure 700"),
            (Self.stumps().replacingOccurrences(of: "le:5.0000000000000000e-01", with: "le:nan"), "not a number"),
            (Self.stumps().replacingOccurrences(of: "depth: 1\n               value: 1.", with: "depth: 2\n               value: 1."), "at depth 2"),
            (Self.stumps(extra: "            -\n               depth: 0\n               value: 1.\n"), "after its last leaf"),
            (Self.stumps().replacingOccurrences(of: "le:5.0000000000000000e-01", with: "in:[ 1 ]"), "categorical"),
            (Self.stumps().replacingOccurrences(of: "value: 0.", with: "value: zero"), "not a number"),
        ]
        for (text, reason) in cases {
            #expect(throws: QualityForest.LoadError.self, "\(reason)") { try QualityForest(yaml: Array(text.utf8)) }
            do { _ = try QualityForest(yaml: Array(text.utf8)) } catch { #expect("\(error)".contains(reason), "\(error)") }
        }
    }

    @Test func truncatedForestsAreRefusedAtEveryCut() {
        let whole = Array(Self.stumps().utf8)
        // Cut inside the trees: a tree ends inside a split, a tree goes missing, or a number is cut.
        for cut in stride(from: 200, to: whole.count - 1, by: 997) {
            #expect(throws: QualityForest.LoadError.self, "cut at \(cut)") { try QualityForest(yaml: Array(whole[..<cut])) }
        }
    }

    @Test func aMissingOrOversizedFileIsReportedByPath() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("forest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("nfiq2-forest.yaml")
        #expect { try QualityForest(contentsOf: missing) } throws: { "\($0)".contains(missing.path) && "\($0)".contains("cannot be read") }
        let huge = folder.appendingPathComponent("huge.yaml")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: UInt64(QualityForest.maximumFileSize + 1))
        try handle.close()
        #expect { try QualityForest(contentsOf: huge) } throws: { "\($0)".contains("more than any forest") }
    }

    /// NIST's forest on NIST's measures: every score of NIST's NFIQ 2, exactly.
    @Test(.enabled(if: NFIQ2Reference.haveForest, "needs NFIQ 2's forest (scripts/install-nfiq2-model)"),
          .enabled(if: NFIQ2Reference.haveWheel && NFIQ2Reference.haveFixtures, "needs nbis-py and ../shared/fixtures/fvc2002"))
    func nistsForestReproducesNISTsScores() throws {
        let forest = try QualityForest(contentsOf: URL(fileURLWithPath: NFIQ2Reference.forestPath))
        #expect(forest.nodeCount == 138_428)
        var compared = 0
        for set in NFIQ2Reference.sets {
            for row in NFIQ2Reference.rows[set] ?? [] {
                let measures = NativeMeasureNames.forestOrder.map { row.measures[$0] ?? .nan }
                #expect(measures.allSatisfy { !$0.isNaN }, "\(row.file) lacks a measure")
                #expect(forest.score(measures) == row.score, "\(row.file)")
                compared += 1
            }
        }
        #expect(compared >= 150, "NFIQ 2 scored \(compared) of 160 fixture images")
    }
}
