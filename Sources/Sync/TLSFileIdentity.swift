#if canImport(Glibc)
import Glibc
#endif

/// What the three TLS files look like from outside, without reading them: device, inode,
/// size and modification time of each. Configuration management that drops a renewed file
/// in place either writes a new file and renames it over the old one (a new inode) or
/// rewrites it (a new size or time), so comparing this with the set last loaded is enough
/// to notice a renewal, and cheap enough to do before every upload attempt.
public struct TLSFileIdentity: Equatable, Sendable {
    /// One file's identity.
    enum File: Equatable, Sendable {
        case present(device: UInt64, inode: UInt64, size: Int64, seconds: Int64, nanoseconds: Int64)
        /// Missing or not reachable: a change like any other (it is refused when loaded).
        case absent(errno: Int32)
    }

    let files: [File]

    /// The identity of the files `settings` names, in the order CA, certificate, key.
    /// `stat`, not `lstat`: a symbolic link switched to a new target is a new file.
    public static func of(_ settings: SyncSettings) -> TLSFileIdentity {
        TLSFileIdentity(files: [settings.caFile, settings.clientCertificate, settings.clientKey].map(file))
    }

    static func file(_ path: String) -> File {
        var info = stat()
        guard stat(path, &info) == 0 else { return .absent(errno: errno) }
        return .present(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                        seconds: Int64(info.st_mtim.tv_sec), nanoseconds: Int64(info.st_mtim.tv_nsec))
    }
}
