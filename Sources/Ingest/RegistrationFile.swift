import Foundation
import Synchronization

/// The registration file, re-read when its modification time changes, so a kiosk
/// registered with `enroll-ingest register` can upload without a restart. A file that
/// fails to parse keeps the last good registrations (and the error is printed once).
public final class RegistrationFile: DeviceLookup {
    public let path: String
    private let cache = Mutex<(modified: Date?, devices: RegisteredDevices)>((nil, RegisteredDevices([])))

    public init(path: String) throws {
        self.path = path
        // The first read must succeed: a receiver with a broken list should not start.
        let devices = try RegisteredDevices.load(path: path)
        cache.withLock { $0 = (Self.modified(path), devices) }
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    public func device(clientKeyHash: [UInt8]) -> RegisteredDevices.Device? {
        let modified = Self.modified(path)
        return cache.withLock { state in
            if modified != state.modified {
                state.modified = modified
                do { state.devices = try RegisteredDevices.load(path: path) } catch {
                    FileHandle.standardError.write(Data("enroll-ingest: keeping the previous registrations: \(error)\n".utf8))
                }
            }
            return state.devices.device(clientKeyHash: clientKeyHash)
        }
    }
}
