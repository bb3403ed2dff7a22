import EnrollCore
import Foundation
import Imaging

/// ICAO / ISO/IEC 19794-5 capture checks on a camera frame, with a combined 0–100 score in
/// the spirit of OFIQ (ISO/IEC 29794-5): each check a component quality, the score their
/// weighted geometric mean, so one bad component pulls the whole photograph down.
public struct FaceAnalyzer: FaceQualityAssessing {
    public var limits: FaceLimits
    private let detector: LandmarkDetector

    public init(detector: LandmarkDetector, limits: FaceLimits = FaceLimits()) {
        self.detector = detector
        self.limits = limits
    }

    public func assess(_ frame: FaceFrame) -> CaptureQuality {
        let image = RGBImage(width: frame.width, height: frame.height, pixels: frame.rgb)
        guard let report = try? analyze(image.luma) else {
            return CaptureQuality(score: 0, acceptable: false, feedback: ["analysis_failed"], measures: [:])
        }
        return report.quality(minimumScore: limits.minimumScore)
    }

    /// Detects faces (on a copy at `limits.detectionWidth` for speed), finds the landmarks
    /// of the largest at full resolution and runs every check on it.
    public func analyze(_ gray: GrayImage) throws(FaceAnalysisError) -> FaceReport {
        let boxes = try detect(gray)
        let minimumSide = limits.minimumFaceShare * Double(min(gray.width, gray.height))
        let counted = boxes.filter { $0.width >= minimumSide }
        guard let largest = counted.max(by: { $0.width < $1.width }) else {
            let check = FaceCheck(name: "face_count", value: 0, limit: "= 1", passed: false, quality: 0, message: "No face found: look at the camera.")
            return FaceReport(faces: 0, box: nil, landmarks: nil, checks: [check], score: 0)
        }
        let landmarks = try detector.landmarks(in: gray, box: largest)
        let checks = FaceChecks(limits: limits, gray: gray, box: largest, landmarks: landmarks, faces: counted.count).all
        return FaceReport(faces: counted.count, box: largest, landmarks: landmarks, checks: checks, score: Self.score(checks))
    }

    private func detect(_ gray: GrayImage) throws(FaceAnalysisError) -> [FaceBox] {
        guard limits.detectionWidth > 0, gray.width > limits.detectionWidth else { return try detector.faces(in: gray) }
        let scale = Double(gray.width) / Double(limits.detectionWidth)
        let small = gray.resized(width: limits.detectionWidth, height: max(1, Int(Double(gray.height) / scale)))
        return try detector.faces(in: small).map {
            FaceBox(left: $0.left * scale, top: $0.top * scale, right: $0.right * scale, bottom: $0.bottom * scale, confidence: $0.confidence)
        }
    }

    /// Weighted geometric mean of the component qualities; a failed hard check (more than
    /// one face) caps the score below any sensible threshold.
    static func score(_ checks: [FaceCheck]) -> Int {
        guard !checks.isEmpty else { return 0 }
        var logSum = 0.0
        for check in checks { logSum += log(max(check.quality, 0.01)) }
        var score = 100 * exp(logSum / Double(checks.count))
        if checks.contains(where: { $0.name == "face_count" && !$0.passed }) { score = min(score, 10) }
        return Int(score.rounded())
    }
}

extension FaceReport {
    /// The session's view: score, acceptable, failed checks as feedback, every measure.
    public func quality(minimumScore: Int) -> CaptureQuality {
        var measures: [String: Double] = ["faces": Double(faces)]
        for check in checks { measures[check.name] = check.value }
        let acceptable = faces == 1 && failed.isEmpty && score >= minimumScore
        return CaptureQuality(score: score, acceptable: acceptable, feedback: failed, measures: measures)
    }
}
