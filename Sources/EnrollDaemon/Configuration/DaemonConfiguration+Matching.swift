import Matching

/// The `matching:` section: how alike two people must be before the session shows a
/// possible duplicate, and which central key may sign imported gallery bundles.
public struct MatchingSettings: Sendable, Equatable {
    /// Person-level false match rate the threshold is calibrated to (1 in 10,000).
    public var falseMatchRate = 0.0001
    /// A single-finger score (0–100) to use instead of `falseMatchRate`; 0 means unset.
    public var scoreThreshold = 0.0
    /// At most this many candidates are shown for one session.
    public var candidates = 10
    /// How several fingers of one person are combined.
    public var fusion: FusionRule = .fisher
    /// Threads that run searches, off the GLib thread and off Swift's cooperative pool.
    public var searchThreads = 1
    /// Ed25519 public key (64 hex digits) that signs gallery bundles from the central
    /// server; empty: bundles are refused.
    public var bundlePublicKey = ""

    public init() {}

    /// The scoring this configuration asks for, on `calibration`.
    public func scoring(calibration: ScoreCalibration = .fvc2002) -> PersonScoring {
        scoreThreshold > 0
            ? PersonScoring(calibration: calibration, rule: fusion, scoreThreshold: scoreThreshold)
            : PersonScoring(calibration: calibration, rule: fusion, falseMatchRate: falseMatchRate)
    }
}

extension DaemonConfigurationSchema {
    static func readMatching(_ section: ConfigurationSection, into settings: inout MatchingSettings) {
        settings.falseMatchRate = section.decimal("false_match_rate", default: settings.falseMatchRate, range: 1e-9...0.1)
        settings.scoreThreshold = section.decimal("score_threshold", default: settings.scoreThreshold, range: 0...100)
        settings.candidates = section.integer("candidates", default: settings.candidates, range: 1...100)
        settings.fusion = section.choice("fusion", default: settings.fusion, ["fisher": .fisher, "best_finger": .bestFinger])
        settings.searchThreads = section.integer("search_threads", default: settings.searchThreads, range: 1...8)
        settings.bundlePublicKey = section.string("bundle_public_key", default: settings.bundlePublicKey) { text in
            text.isEmpty || (text.utf8.count == 64 && text.allSatisfy(\.isHexDigit)) ? nil
                : "expected 64 hex digits (a 32-byte Ed25519 public key) or \"\", found \(text.utf8.count) characters"
        }
        section.finish()
    }
}
