#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Small secret files (keys) in the state directory: created 0600 with O_EXCL, written
/// and fsync'd before a rename, so a crash leaves either no key or a whole key, and no
/// other user can ever read one.
enum SecretFile {
    /// The file's bytes; nil when it does not exist. Tightens a looser mode to 0600.
    static func read(_ path: String, expectedLength: Int) throws(TrustError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .keyFile(path, String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .keyFile(path, String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .keyFile(path, "not a regular file") }
        if info.st_mode & 0o077 != 0 { _ = fchmod(fd, 0o600) }
        var bytes = [UInt8](repeating: 0, count: expectedLength + 1)
        let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard count == expectedLength else { throw .keyFile(path, "expected \(expectedLength) bytes, found \(max(count, 0))") }
        return Array(bytes.prefix(expectedLength))
    }

    /// Writes a new secret file; fails if one exists (never overwrite a key).
    static func create(_ path: String, bytes: [UInt8]) throws(TrustError) {
        let temporary = path + ".new"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .keyFile(temporary, String(cString: strerror(errno))) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced else {
            unlink(temporary)
            throw .keyFile(temporary, "cannot write: \(String(cString: strerror(errno)))")
        }
        // link(2) fails if the target exists, unlike rename(2): a racing creator keeps its key.
        guard link(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .keyFile(path, String(cString: strerror(code)))
        }
        unlink(temporary)
        let directory = (path as NSString).deletingLastPathComponent
        let dfd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }
}
