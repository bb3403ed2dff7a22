import Dispatch
import EnrollCore
import EventLog
import FingerprintQuality
import Foundation
import Logging
import Synchronization

/// The fingerprint assessor, with NIST NFIQ 2's forest loaded off the start-up path (21 MB
/// of text, read on a thread of its own while the daemon becomes ready). A capture that
/// arrives while it loads waits for it (a few seconds at most), so every score of a daemon
/// that has the forest comes from the forest. A missing or foreign forest is journalled once
/// (catalogued) and prints are scored with the built-in linear model.
final class PreloadedFingerQuality: FingerQualityAssessing {
    private let quality: Mutex<FingerprintQuality>
    private let loaded = DispatchGroup()
    static let longestWait: DispatchTimeInterval = .seconds(10)

    private init(_ quality: FingerprintQuality) {
        self.quality = Mutex(quality)
    }

    static func start(_ quality: FingerprintQuality, forestPath: String, logger: Logger) -> PreloadedFingerQuality {
        let preloaded = PreloadedFingerQuality(quality)
        preloaded.loaded.enter()
        let thread = Thread {
            defer { preloaded.loaded.leave() }
            do {
                let forest = try QualityForest(contentsOf: URL(fileURLWithPath: forestPath))
                preloaded.quality.withLock { $0.forest = forest }
                logger.info("Fingerprint quality: NFIQ 2's forest loaded from \(forestPath) (\(forest.nodeCount) nodes)")
            } catch {
                logger.log(.fingerQualityModelUnavailable,
                           "Fingerprints are scored with the built-in linear model, not NFIQ 2's: \(error) (quality.finger_model)",
                           metadata: [LogKey.error: "\(error)"])
            }
        }
        thread.name = "enrolld-finger-model"
        thread.start()
        return preloaded
    }

    func assess(_ image: FingerprintImage) -> CaptureQuality {
        _ = loaded.wait(timeout: .now() + Self.longestWait)
        return quality.withLock { $0 }.assess(image)
    }
}
