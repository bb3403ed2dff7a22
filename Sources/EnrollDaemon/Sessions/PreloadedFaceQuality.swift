import EnrollCore
import EventLog
import FaceAnalysis
import Foundation
import Logging
import Synchronization

/// The face checks, loaded off the start-up path: dlib's landmark model takes about a
/// second and 100 MB to load, so it loads on a thread of its own while the daemon becomes
/// ready, long before anyone reaches the face step. Until then, or if it cannot be loaded
/// (logged once, catalogued), the live feedback says "not assessed" and no photograph is
/// taken.
final class PreloadedFaceQuality: FaceQualityAssessing {
    private let analyzer = Mutex<FaceAnalyzer?>(nil)

    static func start(loading load: @escaping @Sendable () throws -> FaceAnalyzer, logger: Logger) -> PreloadedFaceQuality {
        let quality = PreloadedFaceQuality()
        let thread = Thread {
            do {
                let loaded = try load()
                quality.analyzer.withLock { $0 = loaded }
                logger.debug("face checks ready")
            } catch {
                logger.log(.faceAnalysisUnavailable, "The face checks cannot run: \(error); no face photograph can be taken until they can",
                           metadata: [LogKey.error: "\(error)"])
            }
        }
        thread.name = "enrolld-face-model"
        thread.start()
        return quality
    }

    func assess(_ frame: FaceFrame) -> CaptureQuality {
        guard let analyzer = analyzer.withLock({ $0 }) else { return UnassessedFaceQuality().assess(frame) }
        return analyzer.assess(frame)
    }

    /// nil until the model is loaded, and for ever if it cannot be: without landmarks the
    /// face cannot be cut out, and the whole frame (the room, people queueing behind) is not
    /// what a record may keep.
    func photograph(_ frame: FaceFrame) -> FaceFrame? {
        analyzer.withLock({ $0 })?.photograph(frame)
    }
}
