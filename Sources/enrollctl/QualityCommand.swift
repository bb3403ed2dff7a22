import ArgumentParser
import EnrollCore
import FaceAnalysis
import FingerprintQuality
import Foundation
import Imaging

/// `enrollctl quality finger|face FILE…`: the device's quality checks on image files,
/// offline (no daemon), so staff can see why a capture fails and anyone can evaluate the
/// checks on an image set.
struct QualityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Score fingerprint or face images with the kiosk's quality checks (offline).",
        subcommands: [QualityFingerCommand.self, QualityFaceCommand.self]
    )
}

/// Options and output both quality commands share.
struct QualityOutput: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON array, an object per file.")
    var json = false

    /// Files larger than this are refused unread: no fingerprint or face photograph is.
    static let maximumFileBytes = 64 << 20

    /// The file's bytes, or a sentence saying why not.
    static func read(_ path: String) throws -> [UInt8] {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: path) } catch {
            throw CommandFailure("cannot read \(path): no such file or no permission")
        }
        guard (attributes[.type] as? FileAttributeType) == .typeRegular else { throw CommandFailure("\(path) is not a regular file") }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maximumFileBytes else { throw CommandFailure("\(path) is \(size) bytes, over the \(maximumFileBytes >> 20) MiB limit for an image") }
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("cannot read \(path)") }
        return Array(data)
    }

    /// Prints the results and fails (exit status 1) if any file could not be scored.
    func finish(_ objects: [[String: Any]], failures: Int) throws {
        if json {
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// JSON cannot carry NaN or infinity; a measure that has none is reported as null.
    static func number(_ value: Double) -> Any { value.isFinite ? value : NSNull() }
}

/// `enrollctl quality finger [--ppi N] FILE…`
struct QualityFingerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finger",
        abstract: "Fingerprint quality (0–100, NFIQ 2's meaning) of PNG or TIFF images."
    )

    @Option(name: .long, help: "Resolution of the images in pixels per inch (default: the file's own, else 500).")
    var ppi: Double?

    @Option(name: .long, help: "Least acceptable score.")
    var minimumScore = 40

    @Option(name: .long, help: ArgumentHelp("NIST NFIQ 2's forest (default: \(Self.installedModel); without it, the built-in linear model).", valueName: "path"))
    var model: String?

    @Flag(name: .long, help: "Score with the built-in linear model even where NFIQ 2's forest is installed.")
    var linear = false

    @OptionGroup var output: QualityOutput

    @Argument(help: "Grayscale fingerprint images (PNG or TIFF), dark ridges on light.")
    var files: [String]

    /// Where `scripts/install-nfiq2-model` puts the forest, and the daemon's default.
    static let installedModel = "/usr/share/enrolld/nfiq2-forest.yaml"

    func validate() throws {
        if let ppi, !(100...5000).contains(ppi) { throw ValidationError("--ppi must be between 100 and 5000") }
        if linear, model != nil { throw ValidationError("--linear and --model exclude each other") }
    }

    /// The forest asked for; the installed one if there is one; else none, said on stderr.
    func forest() throws -> QualityForest? {
        if linear { return nil }
        let path = model ?? Self.installedModel
        if model == nil, !FileManager.default.fileExists(atPath: path) {
            FileHandle.standardError.write(Data("note: NFIQ 2's forest is not installed (\(path)): scores come from the built-in linear model (scripts/install-nfiq2-model installs it)\n".utf8))
            return nil
        }
        do { return try QualityForest(contentsOf: URL(fileURLWithPath: path)) } catch { throw CommandFailure("\(error)") }
    }

    func run() throws {
        let quality = FingerprintQuality(minimumScore: minimumScore, forest: try forest())
        var objects: [[String: Any]] = []
        var failures = 0
        for file in files {
            do {
                var image = try ImageFile.gray(try QualityOutput.read(file))
                if let ppi { image.pixelsPerInch = ppi }
                let result = quality.assess(image)
                objects.append(Self.object(file, result))
                if !output.json { print(Self.text(file, result)) }
            } catch {
                failures += 1
                objects.append(["file": file, "error": "\(error)"])
                if !output.json { FileHandle.standardError.write(Data("\(file): error: \(error)\n".utf8)) }
            }
        }
        try output.finish(objects, failures: failures)
    }

    static func object(_ file: String, _ result: CaptureQuality) -> [String: Any] {
        ["file": file, "score": result.score, "acceptable": result.acceptable, "feedback": result.feedback,
         "model": modelName(result), "measures": result.measures.mapValues(QualityOutput.number)]
    }

    /// "nfiq2-forest" or "linear": which model gave the score.
    static func modelName(_ result: CaptureQuality) -> String {
        result.measures[FingerprintQuality.forestMeasure] == 1 ? "nfiq2-forest" : "linear"
    }

    static func text(_ file: String, _ result: CaptureQuality) -> String {
        var lines = ["\(file): score \(result.score) (\(modelName(result))) \(result.acceptable ? "acceptable" : "NOT acceptable")"
            + (result.feedback.isEmpty ? "" : " — " + result.feedback.joined(separator: ", "))]
        let width = (result.measures.keys.map(\.count).max() ?? 0) + 2
        for (name, value) in result.measures.sorted(by: { $0.key < $1.key }) {
            lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + String(format: "%.3f", value))
        }
        return lines.joined(separator: "\n")
    }
}
