#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Systemd

/// The daemon's state folder, created private (0700) and held with an exclusive lock for
/// the daemon's life, so a second enrolld on the same state refuses to start instead of
/// corrupting the outbox.
public final class StateDirectory: Sendable {
    /// The folder's path.
    public let path: String
    private let lockDescriptor: Int32

    /// Why the folder cannot be used.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Creates the folder if needed and takes its lock.
    public init(path: String) throws {
        self.path = path
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(description: "cannot create \(path): \(error.localizedDescription)")
        }
        let lockPath = path + "/enrolld.lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot open \(lockPath): \(SystemError("open", errno: errno))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(fd)
            throw Failure(description: code == EWOULDBLOCK
                ? "another enrolld is running with the state directory \(path)"
                : "cannot lock \(lockPath): \(SystemError("flock", errno: code))")
        }
        lockDescriptor = fd
    }

    deinit {
        close(lockDescriptor)
    }
}
