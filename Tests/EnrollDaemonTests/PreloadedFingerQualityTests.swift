import EnrollCore
import EventLog
import FingerprintQuality
import Foundation
import Imaging
import Testing
import TestSupport
@testable import EnrollDaemon

/// The daemon's fingerprint assessor: NIST's forest loaded off the start-up path, the linear
/// model with a catalogued warning when the forest cannot be used.
@Suite struct PreloadedFingerQualityTests {
    static let installed = "/usr/share/enrolld/nfiq2-forest.yaml"

    static var print: FingerprintImage {
        var generator = SyntheticFingerprint()
        generator.width = 400
        generator.height = 400
        return generator.image(finger: 4, impression: 1)
    }

    @Test func aMissingForestIsJournalledOnceAndTheLinearModelScores() throws {
        let log = KeptLog()
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-forest-\(UUID().uuidString).yaml").path
        let quality = PreloadedFingerQuality.start(FingerprintQuality(minimumScore: 40), forestPath: missing, logger: log.logger("test"))
        let first = quality.assess(Self.print), second = quality.assess(Self.print)
        #expect(first.measures[FingerprintQuality.forestMeasure] == 0 && first == second)
        #expect(first.score == FingerprintQuality(minimumScore: 40).assess(Self.print).score)
        let warnings = log.messages(withID: CatalogEvent.fingerQualityModelUnavailable.messageID)
        #expect(warnings.count == 1 && warnings.first?.contains(missing) == true, "\(log.messages)")
    }

    @Test func aForeignFileIsRefusedNotHalfUsed() throws {
        let log = KeptLog()
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let foreign = folder.appendingPathComponent("forest.yaml")
        try Data("%YAML:1.0\nmy_random_trees:\n   is_classifier: 1\n   var_count: 12\n   ntrees: 1\n".utf8).write(to: foreign)
        let quality = PreloadedFingerQuality.start(FingerprintQuality(), forestPath: foreign.path, logger: log.logger("test"))
        #expect(quality.assess(Self.print).measures[FingerprintQuality.forestMeasure] == 0)
        #expect(log.messages(withID: CatalogEvent.fingerQualityModelUnavailable.messageID).first?.contains("not NFIQ 2's forest") == true)
    }

    /// A capture made while the forest is still loading waits for it: every score of a
    /// daemon that has the forest comes from the forest.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: installed), "needs NFIQ 2's forest (scripts/install-nfiq2-model)"))
    func theInstalledForestScoresFromTheFirstCapture() throws {
        let log = KeptLog()
        let quality = PreloadedFingerQuality.start(FingerprintQuality(), forestPath: Self.installed, logger: log.logger("test"))
        let result = quality.assess(Self.print)
        #expect(result.measures[FingerprintQuality.forestMeasure] == 1)
        #expect(log.messages(withID: CatalogEvent.fingerQualityModelUnavailable.messageID).isEmpty)
        #expect(log.messages.contains { $0.contains("NFIQ 2's forest loaded") })
    }
}
