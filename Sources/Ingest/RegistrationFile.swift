import Foundation
import Synchronization

/// The registration file, re-read when its modification time changes, so a kiosk
/// registered with `enroll-ingest register` (or revoked with `revoke`) is let in (or out)
/// without a restart. A file that fails to parse lets nobody in until it is mended: keeping
/// the last good list would keep a kiosk that was just revoked, say a stolen one, uploading
/// while the revocation looks done. The kiosks keep their records queued meanwhile.
public final class RegistrationFile: DeviceLookup {
    public let path: String
    private let cache = Mutex<(modified: Date?, devices: RegisteredDevices, problem: String?)>((nil, RegisteredDevices([]), nil))

    public init(path: String) throws {
        self.path = path
        // The first read must succeed: a receiver with a broken list should not start.
        let devices = try RegisteredDevices.load(path: path)
        cache.withLock { $0 = (Self.modified(path), devices, nil) }
    }

    static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    public func device(clientKeyHash: [UInt8]) -> RegisteredDevices.Device? {
        refreshed { $0.problem == nil ? $0.devices.device(clientKeyHash: clientKeyHash) : nil }
    }

    public var unreadable: String? { refreshed { $0.problem } }

    private func refreshed<T>(_ read: (_ state: (modified: Date?, devices: RegisteredDevices, problem: String?)) -> T) -> T {
        let modified = Self.modified(path)
        return cache.withLock { state in
            if modified != state.modified {
                state.modified = modified
                do {
                    state.devices = try RegisteredDevices.load(path: path)
                    state.problem = nil
                } catch {
                    state.devices = RegisteredDevices([])
                    state.problem = "\(path): \(error)"
                }
            }
            return read(state)
        }
    }
}
