#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Files enrollctl writes that may hold a person's biometric data (a reader's image, a
/// camera still, a face token, templates) or the kiosk's internals (a diagnostics bundle):
/// readable by their owner only, whatever the umask. `Data.write` would leave them 0644
/// under Debian's default umask, readable by every account on the kiosk.
enum PrivateFile {
    /// Creates or replaces `path` with mode 0600 and writes `bytes`. Refuses to follow a
    /// symbolic link at `path` (someone else's link must not redirect a person's image).
    static func write(_ bytes: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        // An existing file keeps its old mode through O_TRUNC: narrow it first.
        guard fchmod(fd, 0o600) == 0 else { throw CommandFailure("cannot make \(path) private: \(String(cString: strerror(errno)))") }
        var written = 0
        try bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
                written += n
            }
        }
    }

    /// Narrows a file another program wrote (tar) to its owner.
    static func restrict(_ path: String) throws {
        guard chmod(path, 0o600) == 0 else { throw CommandFailure("cannot make \(path) private: \(String(cString: strerror(errno)))") }
    }
}
