import ArgumentParser
import EnrollCore
import Foundation
import Ingest

/// Takes a kiosk off the registration file (stolen, broken, replaced): the running receiver
/// refuses its next request with 403. Its records received so far stay stored; the device
/// key it prints is what `export --device-key` verifies them with later.
struct RevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Refuse a kiosk from now on: remove its line from the registration file.")

    @Option(help: "Registration file.") var devices: String
    @Option(name: .customLong("device-id"), help: "The kiosk's device id, 32 hex digits (`enroll-ingest list`, `enrollctl key show`).") var deviceID: String?
    @Option(help: "The label the kiosk was registered with.") var label: String?

    func validate() throws {
        guard (deviceID == nil) != (label == nil) else { throw ValidationError("give exactly one of --device-id and --label") }
        if let deviceID, Hex.decode(deviceID)?.count != 16 { throw ValidationError("--device-id: expected 32 hex digits") }
    }

    func run() throws {
        let file = RegistrationText(path: devices)
        let id = deviceID.flatMap(Hex.decode)
        let (text, removed) = try RegisteredDevices.removing(from: try file.read()) { device, _ in
            if let id { return device.deviceID == id }
            return device.label == label
        }
        guard !removed.isEmpty else { throw ValidationFailure("no registration matches; see `enroll-ingest list --devices \(devices)`") }
        try file.write(text)
        for device in removed {
            print("revoked \(RegistrationText.describe(device))")
            // Its records stay stored, and a person's copy of one is verified with this key
            // (`export --device-key`): the file no longer holds it.
            print("  keep its device key with the centre's records, for copies of its records (export --device-key): \(Hex.encode(device.publicKey))")
        }
    }
}
