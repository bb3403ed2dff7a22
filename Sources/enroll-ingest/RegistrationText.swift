import EnrollCore
import Foundation
import Ingest

/// The registration file as the commands that change it see it: read whole, checked, and
/// replaced atomically, so the running receiver never reads half a file.
struct RegistrationText {
    let path: String

    /// The text, empty when the file does not exist yet.
    func read() throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { return "" }
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ValidationFailure("cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// Writes `text` after checking it parses as the receiver will parse it.
    func write(_ text: String) throws {
        _ = try RegisteredDevices(parsing: text)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func describe(_ device: RegisteredDevices.Device) -> String {
        "device \(Hex.encode(device.deviceID))\(device.label.isEmpty ? "" : " (\(device.label))")"
    }
}
