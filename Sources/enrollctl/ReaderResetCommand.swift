import ArgumentParser
import ControlClient
import EnrollCore
import Foundation

/// `enrollctl reader reset [--device ID]`: what unplugging and re-plugging would do, from
/// the keyboard. enrolld does it by itself once when a reader keeps failing; this is for a
/// technician who sees a reader marked failed or misbehaving.
struct ReaderResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Close a USB reader, reset its USB port and open it again.",
        discussion: "Refused while the reader is busy. Readers that are not on USB (virtual, SPI) cannot be reset."
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: "The reader's id as `enrollctl devices` shows it (default: the first reader).")
    var device: String?

    @Flag(name: .long, help: "Print the daemon's JSON answer as it is.")
    var json = false

    func run() throws {
        var path = "/v1/readers/reset"
        if let device { path += "?" + ReaderCommand.deviceQuery(device) }
        // libusb's reset waits for the hub to re-enumerate the port: seconds, not minutes.
        let body = try connection.post(path, body: [], timeoutSeconds: 60)
        guard let report = try? JSONDecoder().decode(ReaderResetReport.self, from: Data(body)) else {
            throw CommandFailure("enrolld's answer could not be read.")
        }
        if json {
            FileHandle.standardOutput.write(try JSONEncoder().encode(report) + [10])
            return
        }
        print("Reader:   \(report.name) (\(report.deviceID)), \(report.driver)")
        print("USB:      \(report.usb)")
        print("Result:   reset and open again; health \(report.health.rawValue)")
    }
}
