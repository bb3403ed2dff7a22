#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The folder a subject-access copy goes into: the operator's own (mode 0700, files 0600,
/// each file new), never one that already holds something (another person's copy, files
/// that would be mixed in). Written whole or not at all: on a failure what was written is
/// removed again.
public struct SubjectAccessFolder: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Refuses a path that is not a folder (a file, a symbolic link) or a folder with
    /// anything in it; a missing folder is fine (`write` makes it).
    public func check() throws(IngestError) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            guard code == ENOENT else { throw Self.failure("cannot look at \(path): \(String(cString: strerror(code)))") }
            return
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw Self.failure("\(path) exists and is not a folder: name a new or empty folder")
        }
        let entries: [String]
        do { entries = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw Self.failure("cannot read the folder \(path): \((error as NSError).localizedFailureReason ?? "\(error)")")
        }
        guard entries.isEmpty else {
            throw Self.failure("\(path) is not empty (\(entries.count) entr\(entries.count == 1 ? "y" : "ies")): name a new or empty folder, so one person's copy is never mixed with other files")
        }
    }

    /// Makes the folder (0700; an empty one is set to 0700), writes every file (0600, new,
    /// flushed to disk) and returns their paths. On any failure what it wrote is removed.
    public func write(_ files: [(name: String, bytes: [UInt8])]) throws(IngestError) -> [String] {
        try check()
        var created = false
        if mkdir(path, 0o700) == 0 {
            created = true
        } else if errno != EEXIST {
            throw Self.failure("cannot create the folder \(path): \(String(cString: strerror(errno)))")
        }
        guard chmod(path, 0o700) == 0 else { throw Self.failure("cannot restrict \(path) to its owner: \(String(cString: strerror(errno)))") }
        var written: [String] = []
        do throws(IngestError) {
            for file in files {
                guard !file.name.isEmpty, !file.name.contains("/"), file.name != ".", file.name != ".." else {
                    throw Self.failure("refusing the file name \(file.name)")
                }
                let target = path + "/" + file.name
                try Self.writeNew(target, file.bytes)
                written.append(target)
            }
            let folder = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if folder >= 0 {
                _ = fsync(folder)
                close(folder)
            }
            return written
        } catch {
            for file in written { unlink(file) }
            if created { rmdir(path) }
            throw error
        }
    }

    /// Creates `target` (refusing one that exists or is a link) and writes all of `bytes`.
    static func writeNew(_ target: String, _ bytes: [UInt8]) throws(IngestError) {
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("cannot create \(target): \(String(cString: strerror(errno)))") }
        var failed: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = errno
                    return
                }
                done += n
            }
        }
        if failed == 0, fsync(fd) != 0 { failed = errno }
        close(fd)
        if failed != 0 {
            unlink(target)
            throw failure("cannot write \(target): \(String(cString: strerror(failed)))")
        }
    }

    static func failure(_ message: String) -> IngestError { IngestError(status: 0, code: "copy_folder", message: message) }
}
