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
    /// The folder's former permissions when it existed open to other users and was made
    /// private at start (outside systemd nothing else sets them); nil when it was private.
    public let formerMode: mode_t?
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
        formerMode = try Self.makePrivate(path)
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

    /// An existing folder keeps its permissions through `createDirectory`: one made by hand
    /// or by an older layout at 0755 would leave the sealed records and the device key's
    /// folder listable by every user. The daemon's own folder is narrowed to 0700; one it
    /// does not own and that every user can enter is refused (group access set by an
    /// administrator who owns it is left as they chose).
    private static func makePrivate(_ path: String) throws -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { throw Failure(description: "cannot read \(path): \(SystemError("stat", errno: errno))") }
        let mode = info.st_mode & 0o7777
        guard mode & 0o077 != 0 else { return nil }
        guard info.st_uid == geteuid() else {
            if mode & 0o007 == 0 { return nil }
            throw Failure(description: "\(path) is open to every user (mode \(String(mode, radix: 8))) and belongs to another user; make it private: chmod 700 \(path)")
        }
        guard chmod(path, 0o700) == 0 else {
            throw Failure(description: "cannot make \(path) private: \(SystemError("chmod", errno: errno))")
        }
        return mode
    }

    deinit {
        close(lockDescriptor)
    }
}
