import ArgumentParser
import EnrollCore
import FaceAnalysis
import Foundation
import Imaging

/// `enrollctl quality face FILE…`
struct QualityFaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "face",
        abstract: "ICAO face checks and a 0–100 score for PNG, JPEG or TIFF photographs."
    )

    @Option(name: .long, help: "dlib's 68-point landmark model.")
    var model = LandmarkDetector.defaultModelPath

    @Option(name: .long, help: "Write each photograph's ISO 19794-5 token image (JPEG) into this folder.")
    var tokenDirectory: String?

    @OptionGroup var output: QualityOutput

    @Argument(help: "Photographs (PNG, JPEG or TIFF).")
    var files: [String]

    func run() throws {
        let detector: LandmarkDetector
        do { detector = try LandmarkDetector(modelPath: model) } catch { throw CommandFailure(error.description) }
        var limits = FaceLimits()
        limits.detectionWidth = 0  // offline: detect at full size, speed does not matter here
        let analyzer = FaceAnalyzer(detector: detector, limits: limits)
        var objects: [[String: Any]] = []
        var failures = 0
        for file in files {
            do {
                let image = try ImageFile.rgb(try QualityOutput.read(file))
                let report = try analyzer.analyze(image.luma)
                objects.append(Self.object(file, report, limits: limits))
                if !output.json { print(Self.text(file, report, limits: limits)) }
                if let tokenDirectory, let landmarks = report.landmarks {
                    let token = TokenImage.make(from: image, landmarks: landmarks)
                    let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".token.jpg"
                    let path = URL(fileURLWithPath: tokenDirectory).appendingPathComponent(name).path
                    try PrivateFile.write(Data(try JPEGEncoder(quality: 95).encode(token)), to: path)
                }
            } catch {
                failures += 1
                objects.append(["file": file, "error": "\(error)"])
                if !output.json { FileHandle.standardError.write(Data("\(file): error: \(error)\n".utf8)) }
            }
        }
        try output.finish(objects, failures: failures)
    }

    static func object(_ file: String, _ report: FaceReport, limits: FaceLimits) -> [String: Any] {
        let quality = report.quality(minimumScore: limits.minimumScore)
        return [
            "file": file, "score": report.score, "faces": report.faces, "acceptable": quality.acceptable,
            "feedback": quality.feedback, "measures": quality.measures.mapValues(QualityOutput.number),
            "checks": report.checks.map {
                // `code`: what a failed check tells the kiosk (its name, or which way to move).
                ["name": $0.name, "value": QualityOutput.number($0.value), "limit": $0.limit, "passed": $0.passed, "message": $0.message,
                 "code": $0.code] as [String: Any]
            },
        ]
    }

    static func text(_ file: String, _ report: FaceReport, limits: FaceLimits) -> String {
        let quality = report.quality(minimumScore: limits.minimumScore)
        var lines = ["\(file): score \(report.score), \(report.faces) face\(report.faces == 1 ? "" : "s"), \(quality.acceptable ? "acceptable" : "NOT acceptable")"]
        for check in report.checks {
            lines.append("  " + (check.passed ? "pass " : "FAIL ") + check.name.padding(toLength: 16, withPad: " ", startingAt: 0)
                + String(format: "%9.3f", check.value) + "  " + check.limit.padding(toLength: 10, withPad: " ", startingAt: 0) + "  " + check.message
                + (check.code == check.name ? "" : " [\(check.code)]"))
        }
        return lines.joined(separator: "\n")
    }
}
