import EnrollCore
import FingerprintQuality
import Foundation
import Imaging
import Testing
import TestSupport

/// Agreement with NIST NFIQ 2 on FVC2002 (the scores in ../shared/fixtures/reference-scores),
/// and photographs that are not fingerprints, from ../shared/fixtures/faces.
@Suite struct ReferenceAgreementTests {
    static let haveFVC = SharedFixtures.exists("reference-scores/FVC2002_DB1_B_quality.csv") && SharedFixtures.exists("fvc2002/FVC2002_DB2_B")
    static let haveFaces = SharedFixtures.exists("faces/skimage/astronaut.png")

    /// The kiosk's assessor: NFIQ 2's forest where it is installed.
    static let forest: QualityForest? = NFIQ2Reference.haveForest ? try? QualityForest(contentsOf: URL(fileURLWithPath: NFIQ2Reference.forestPath)) : nil

    static func agreement(_ set: String, quality: FingerprintQuality = FingerprintQuality()) throws -> (rho: Double, count: Int, meanGood: Double, meanBad: Double) {
        let csv = try String(contentsOfFile: SharedFixtures.path("reference-scores/\(set)_quality.csv"), encoding: .utf8)
        var ours: [Double] = [], theirs: [Double] = []
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 3, let reference = Double(fields[2]) else { continue }
            let image = try ImageFile.read(path: SharedFixtures.path("fvc2002/\(set)/\(fields[0])"))
            ours.append(Double(quality.assess(image).score))
            theirs.append(reference)
        }
        let median = theirs.sorted()[theirs.count / 2]
        let good = zip(ours, theirs).filter { $0.1 > median }.map(\.0), bad = zip(ours, theirs).filter { $0.1 <= median }.map(\.0)
        return (Spearman.rho(ours, theirs), ours.count, good.reduce(0, +) / Double(good.count), bad.reduce(0, +) / Double(bad.count))
    }

    // The floors below are the figures measured when the model was fitted (README, Quality),
    // less a margin: a change that makes agreement worse fails here.
    @Test(.enabled(if: haveFVC, "needs ../shared/fixtures/fvc2002 and reference-scores"))
    func db1AgreesWithNFIQ2() throws {
        let result = try Self.agreement("FVC2002_DB1_B")
        #expect(result.count >= 75)
        #expect(result.rho >= DB.db1Floor, "DB1_B Spearman \(result.rho)")
        #expect(result.meanGood > result.meanBad)
    }

    @Test(.enabled(if: haveFVC, "needs ../shared/fixtures/fvc2002 and reference-scores"))
    func db2HeldOutAgreesWithNFIQ2() throws {
        let result = try Self.agreement("FVC2002_DB2_B")
        #expect(result.count >= 75)
        #expect(result.rho >= DB.db2Floor, "DB2_B Spearman \(result.rho)")
        #expect(result.meanGood > result.meanBad)
    }

    // With NIST's forest over the native measures: measured 0.932 and 0.975 (the issue's
    // target is 0.8 on each). Nothing was fitted on either set.
    @Test(.enabled(if: haveFVC, "needs ../shared/fixtures/fvc2002 and reference-scores"),
          .enabled(if: forest != nil, "needs NFIQ 2's forest (scripts/install-nfiq2-model)"),
          arguments: [("FVC2002_DB1_B", 0.90), ("FVC2002_DB2_B", 0.95)])
    func theForestAgreesWithNFIQ2(_ set: String, _ floor: Double) throws {
        let result = try Self.agreement(set, quality: FingerprintQuality(forest: Self.forest))
        #expect(result.count >= 75)
        #expect(result.rho >= floor, "\(set) Spearman \(result.rho)")
        #expect(result.meanGood > result.meanBad)
    }

    @Test(.enabled(if: haveFVC, "needs ../shared/fixtures/fvc2002"))
    func everyFVCPrintIsAFingerprint() throws {
        for set in ["FVC2002_DB1_B", "FVC2002_DB2_B"] {
            for finger in 101...110 {
                let image = try ImageFile.read(path: SharedFixtures.path("fvc2002/\(set)/\(finger)_1.tif"))
                let result = FingerprintQuality().assess(image)
                #expect(!result.feedback.contains(FingerFeedback.noFingerprint), "\(set) \(finger)_1: \(result.feedback)")
            }
        }
    }

    @Test(.enabled(if: haveFaces, "needs ../shared/fixtures/faces"),
          arguments: ["skimage/astronaut.png", "skimage/camera.png", "skimage/chelsea.png", "skimage/coffee.png", "derived/astronaut_q5.jpg"])
    func photographsAreNoFingerprint(_ file: String) throws {
        let photo = try ImageFile.readRGB(path: SharedFixtures.path("faces/\(file)")).luma
        let result = FingerprintQuality(forest: Self.forest).assess(FingerprintImage(width: photo.width, height: photo.height, pixels: photo.pixels))
        #expect(result.score == 0, "\(file): \(result.score) \(result.measures)")
        #expect(result.feedback == [FingerFeedback.noFingerprint], "\(file): \(result.feedback)")
    }

    enum DB {
        // The linear fallback model (no forest installed): measured 0.725 (DB1_B, the set its
        // weights were fitted on) and 0.849 (DB2_B, held out).
        static let db1Floor = 0.70
        static let db2Floor = 0.80
    }
}
