import FaceAnalysis
import FingerprintQuality

extension DaemonConfiguration {
    /// Capture quality thresholds (the `quality` section): what the session accepts.
    public struct Quality: Sendable, Equatable {
        /// Least fingerprint score (NFIQ 2 meaning, 0–100) for an accepted capture.
        public var fingerMinimumScore = 40
        /// dlib's 68-landmark model (Debian's libdlib-data).
        public var faceLandmarkModel = LandmarkDetector.defaultModelPath
        /// The ICAO limits and the face score threshold.
        public var face = FaceLimits()

        public init() {}

        /// The fingerprint assessor with these thresholds.
        public var fingerprintQuality: FingerprintQuality { FingerprintQuality(minimumScore: fingerMinimumScore) }

        /// Loads the landmark model (about a second, ≈ 100 MB): build it once at start-up.
        public func faceAnalyzer() throws(FaceAnalysisError) -> FaceAnalyzer {
            FaceAnalyzer(detector: try LandmarkDetector(modelPath: faceLandmarkModel), limits: face)
        }
    }
}
