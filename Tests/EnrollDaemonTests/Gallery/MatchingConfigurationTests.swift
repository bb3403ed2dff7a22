import Foundation
import Matching
import Testing
@testable import EnrollDaemon

/// The `matching:` section: defaults, accepted spellings and refusals with their messages.
@Suite struct MatchingConfigurationTests {
    func parse(_ matching: String) throws -> MatchingSettings {
        try ConfigurationLoader.parse(Data("version: 1\nmatching:\n\(matching)".utf8), file: "f.yaml", relativeTo: "/").matching
    }

    func problems(_ matching: String) -> [String] {
        do {
            _ = try parse(matching)
            return []
        } catch let error as ConfigurationErrors {
            return error.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func defaultsAreOneInTenThousandWithFisherFusion() throws {
        let settings = try parse("  candidates: 10\n")
        #expect(settings == MatchingSettings())
        #expect(settings.falseMatchRate == 0.0001 && settings.fusion == .fisher && settings.scoreThreshold == 0)
        #expect(settings.scoring().falseMatchRate == 0.0001)
    }

    @Test func numbersInEverySpelling() throws {
        #expect(try parse("  false_match_rate: 1e-5\n").falseMatchRate == 1e-5)
        #expect(try parse("  false_match_rate: 0.001\n").falseMatchRate == 0.001)
        #expect(try parse("  score_threshold: 40\n").scoreThreshold == 40)
        #expect(try parse("  score_threshold: 37.5\n").scoring().falseMatchRate == ScoreCalibration.fvc2002.falseMatchRate(atScore: 37.5))
        #expect(try parse("  fusion: best_finger\n").fusion == .bestFinger)
        #expect(try parse("  bundle_public_key: \"\(String(repeating: "ab", count: 32))\"\n").bundlePublicKey.count == 64)
    }

    @Test func refusals() {
        #expect(problems("  false_match_rate: 0.5\n") == ["f.yaml:3:21: matching.false_match_rate: expected a number from 1e-09 to 0.1, found 0.5"])
        #expect(problems("  false_match_rate: \"1e-4\"\n") == ["f.yaml:3:21: matching.false_match_rate: expected a number from 1e-09 to 0.1, found the string \"1e-4\""])
        #expect(problems("  false_match_rate: .nan\n").count == 1)
        #expect(problems("  score_threshold: 101\n") == ["f.yaml:3:20: matching.score_threshold: expected a number from 0.0 to 100.0, found 101.0"])
        #expect(problems("  fusion: sum\n") == ["f.yaml:3:11: matching.fusion: expected one of fisher, best_finger, found \"sum\""])
        #expect(problems("  candidates: 0\n") == ["f.yaml:3:15: matching.candidates: expected an integer from 1 to 100, found 0"])
        #expect(problems("  search_threads: 64\n") == ["f.yaml:3:19: matching.search_threads: expected an integer from 1 to 8, found 64"])
        #expect(problems("  bundle_public_key: abc\n") == ["f.yaml:3:22: matching.bundle_public_key: expected 64 hex digits (a 32-byte Ed25519 public key) or \"\", found 3 characters"])
        #expect(problems("  fusoin: fisher\n") == ["f.yaml:3:3: matching.fusoin: unknown key (did you mean fusion?)"])
    }
}
