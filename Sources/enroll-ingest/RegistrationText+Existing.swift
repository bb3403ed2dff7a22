import Foundation
import Ingest

extension RegistrationText {
    /// The registrations in a file that must exist and parse, for the commands that only
    /// read it (`find`, `export`): a missing file would make every kiosk look revoked.
    func existing() throws -> RegisteredDevices {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ValidationFailure("cannot read the registration file \(path): \((error as NSError).localizedFailureReason ?? error.localizedDescription)")
        }
        do { return try RegisteredDevices(parsing: text) } catch { throw ValidationFailure("\(path): \(error.message)") }
    }
}
