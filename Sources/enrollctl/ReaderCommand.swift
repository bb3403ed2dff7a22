import ArgumentParser
import ControlClient
import EnrollCore
import Foundation

/// `enrollctl reader …`: a technician's checks of one fingerprint reader.
struct ReaderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reader",
        abstract: "Test or reset a fingerprint reader.",
        subcommands: [ReaderTestCommand.self, ReaderResetCommand.self]
    )
}

/// `enrollctl reader test [--device ID] [--save FILE.png]`.
struct ReaderTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Capture one image and report driver, size, capture time and minutiae count.",
        discussion: "Place a finger on the reader when asked. The image is saved only with --save; it is a person's biometric data, so delete it after use."
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: "The reader's id as `enrollctl devices` shows it (default: the first reader).")
    var device: String?

    @Option(name: .long, help: "Write the captured image to this PNG file.")
    var save: String?

    @Flag(name: .long, help: "Print the daemon's JSON answer as it is (without the image).")
    var json = false

    func run() throws {
        var path = "/v1/readers/test"
        var query: [String] = []
        if let device { query.append(ReaderCommand.deviceQuery(device)) }
        if save != nil { query.append("image=png") }
        if !query.isEmpty { path += "?" + query.joined(separator: "&") }
        // Ask for a finger only once the reader is known to be there.
        if let device { try ReaderCommand.requireReader(device, connection: connection) }
        print("Place a finger on the reader…")
        // Up to the daemon's finger time-out (at most 600 s) plus the capture itself.
        let body = try connection.post(path, body: [], timeoutSeconds: 660)
        guard var report = try? JSONDecoder().decode(ReaderTestReport.self, from: Data(body)) else {
            throw CommandFailure("enrolld's answer could not be read.")
        }
        if let save, let png = report.pngBase64.flatMap({ Data(base64Encoded: $0) }) {
            try PrivateFile.write(png, to: save)
        }
        report.pngBase64 = nil
        if json {
            let data = try JSONEncoder().encode(report)
            FileHandle.standardOutput.write(data + [10])
            return
        }
        print(ReaderTestText.render(report, saved: report.outcome == "passed" ? save : nil), terminator: "")
        if report.outcome != "passed" { throw ExitCode(2) }
    }
}

/// The lines `enrollctl reader test` prints.
enum ReaderTestText {
    static func render(_ report: ReaderTestReport, saved: String?) -> String {
        var lines = ["Reader:   \(report.name) (\(report.deviceID))", "Driver:   \(report.driver), \(report.scanType) sensor"]
        if report.outcome == "retry" {
            lines.append("Result:   the reader asked for another scan (\(report.retryReason ?? "general")); run the test again")
        } else {
            lines.append("Image:    \(report.width)×\(report.height) px at \(Int(report.pixelsPerInch.rounded())) ppi")
            lines.append("Capture:  \(report.captureMilliseconds) ms (including the wait for the finger)")
            lines.append("Minutiae: \(report.minutiaeCount)" + (report.minutiaeCount < 12 ? " (few: clean the sensor or press flatter)" : ""))
            if let saved { lines.append("Saved:    \(saved)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ReaderCommand {
    /// `device=ID` for the reader routes, the id percent-encoded (ids hold `:`).
    static func deviceQuery(_ device: String) -> String {
        "device=" + (device.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? device)
    }

    /// Fails with the known readers when `device` is none of them.
    static func requireReader(_ device: String, connection: ConnectionOptions) throws {
        guard let list = try? JSONDecoder().decode(DeviceList.self, from: Data(connection.fetch("/v1/devices"))) else { return }
        let readers = list.devices.filter { $0.kind == .fingerprintReader }.map(\.id)
        guard !readers.contains(device) else { return }
        throw CommandFailure("No reader with id \(device); " + (readers.isEmpty ? "no reader is attached." : "the readers are \(readers.joined(separator: ", ")) (`enrollctl devices`)."))
    }
}
