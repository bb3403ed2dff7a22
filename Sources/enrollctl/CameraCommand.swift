import ArgumentParser
import ControlClient
import EnrollCore
import Foundation

/// `enrollctl camera ...`: camera checks for technicians.
struct CameraCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "camera",
        abstract: "Check the kiosk's camera.",
        subcommands: [CameraTestCommand.self]
    )
}

/// `enrollctl camera test [--save FILE.jpg]`: streams the camera for two seconds through the
/// daemon and prints the device, the chosen format, the rate achieved and the lost frames.
struct CameraTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Stream a camera for a few seconds and report format, frame rate and dropped frames."
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: "The camera's id from `enrollctl devices` (default: the first camera).")
    var camera: String?

    @Option(name: .long, help: "How long to stream, 1 to 10 seconds.")
    var seconds: Double = 2

    @Option(name: .long, help: "Save a still from the end of the run to this JPEG file.")
    var save: String?

    @Flag(name: .long, help: "Print the daemon's JSON answer as it is.")
    var json = false

    func run() throws {
        let request = CameraTestRequest(camera: camera, seconds: seconds, still: save != nil)
        let body = try connection.post("/v1/cameras/test", json: Array(try JSONEncoder().encode(request)), timeoutSeconds: Int(seconds) + 30)
        guard let report = try? JSONDecoder().decode(CameraTestReport.self, from: Data(body)) else {
            throw CommandFailure("enrolld's camera test answer could not be read; try --json.")
        }
        if json {
            var shown = report
            shown.stillJPEGBase64 = shown.stillJPEGBase64.map { "<\($0.count) base64 characters>" }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(shown) + Data([10]))
        } else {
            print(CameraTestText.render(report), terminator: "")
        }
        if let save, let still = report.stillJPEGBase64.flatMap({ Data(base64Encoded: $0) }) {
            try PrivateFile.write(still, to: save)
            if !json { print("still:    \(save) (\(still.count) bytes)") }
        }
        if report.error != nil { throw ExitCode(1) }
    }
}

/// The text `enrollctl camera test` prints.
enum CameraTestText {
    static func render(_ report: CameraTestReport) -> String {
        var lines = [
            "camera:   \(report.name) (\(report.id))",
            "driver:   \(report.driver.isEmpty ? "-" : report.driver), node \(report.node.isEmpty ? "-" : report.node)",
            "format:   \(report.format.isEmpty ? "-" : report.format)",
            "rate:     \(report.framesPerSecond) frames/s (\(report.frames) frames in \(String(format: "%.1f", report.seconds)) s)",
            "dropped:  \(report.droppedFrames) frame(s)",
            "bad:      \(report.badFrames) frame(s)",
        ]
        if let error = report.error { lines.append("error:    \(error)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
