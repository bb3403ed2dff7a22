import FaceAnalysis
import FingerprintQuality

extension DaemonConfiguration {
    /// Capture quality thresholds (the `quality` section): what the session accepts.
    public struct Quality: Sendable, Equatable {
        /// Least fingerprint score (NFIQ 2 meaning, 0–100) for an accepted capture.
        public var fingerMinimumScore = 40
        /// NIST NFIQ 2's random forest (`scripts/install-nfiq2-model` writes it there);
        /// without it prints are scored with the built-in linear model.
        public var fingerModel = "/usr/share/enrolld/nfiq2-forest.yaml"
        /// Whether face photographs are checked at all. Off only where the camera shows no
        /// real face (the demo's and the tests' virtual camera): the photo is then recorded
        /// as "not assessed", never as passed.
        public var faceChecks = true
        /// dlib's 68-landmark model (Debian's libdlib-data).
        public var faceLandmarkModel = LandmarkDetector.defaultModelPath
        /// The ICAO limits and the face score threshold.
        public var face = FaceLimits()

        public init() {}

        /// The fingerprint assessor with these thresholds, without the forest (which
        /// `PreloadedFingerQuality` loads off the start-up path).
        public var fingerprintQuality: FingerprintQuality { FingerprintQuality(minimumScore: fingerMinimumScore) }

        /// Loads the landmark model (about a second, ≈ 100 MB): build it once at start-up.
        public func faceAnalyzer() throws(FaceAnalysisError) -> FaceAnalyzer {
            FaceAnalyzer(detector: try LandmarkDetector(modelPath: faceLandmarkModel), limits: face)
        }
    }
}
