import ArgumentParser
import EnrollCore
import Ingest

/// What the registration file lets in, one kiosk per line.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Show the registered kiosks.")

    @Option(help: "Registration file.") var devices: String

    func run() throws {
        let registered = try RegisteredDevices(parsing: try RegistrationText(path: devices).read())
        for device in registered.all.sorted(by: { ($0.label, Hex.encode($0.deviceID)) < ($1.label, Hex.encode($1.deviceID)) }) {
            print("\(Hex.encode(device.deviceID))  \(device.label.isEmpty ? "-" : device.label)")
        }
        print("\(registered.count) kiosk\(registered.count == 1 ? "" : "s") registered")
    }
}
