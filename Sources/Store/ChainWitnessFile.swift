#if canImport(Glibc)
import Glibc
#endif
import EnrollCore

/// Reads and writes the chain witness (`ChainWitness`) beside the database. Writes are
/// atomic and durable: a temporary file, fsync, rename over the old one, fsync of the
/// directory, so after a crash the file holds either the old head or the new one, never a
/// torn mix. Reads refuse anything but a small regular file (no symlink, FIFO or device:
/// a FIFO would block start-up, a symlink could point anywhere).
struct ChainWitnessFile: Sendable {
    let directory: String
    let path: String

    init(directory: String) {
        self.directory = directory
        path = directory + "/" + RecordStore.witnessFileName
    }

    /// The witness, nil when there is no file; throws when there is one but it is not a
    /// readable witness.
    func read() throws(StoreError) -> ChainWitness? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            if errno == ELOOP { throw .io("the chain witness \(path) is a symbolic link") }
            throw .io("cannot open the chain witness \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io("cannot stat the chain witness \(path): \(String(cString: strerror(errno)))") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .io("the chain witness \(path) is not a regular file") }
        guard info.st_size <= ChainWitness.maximumBytes else {
            throw .io("the chain witness \(path) is not a witness: \(info.st_size) bytes, more than \(ChainWitness.maximumBytes)")
        }
        // One byte more than allowed, so a file that grew since fstat is still caught.
        var buffer = [UInt8](repeating: 0, count: ChainWitness.maximumBytes + 1)
        var filled = 0
        while filled < buffer.count {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw .io("cannot read the chain witness \(path): \(String(cString: strerror(errno)))") }
            if n == 0 { break }
            filled += n
        }
        do { return try ChainWitness(decoding: Array(buffer.prefix(filled))) } catch {
            throw .io("the chain witness \(path) is not a witness: \(error)")
        }
    }

    /// Replaces the witness atomically and durably.
    func write(_ witness: ChainWitness) throws(StoreError) {
        let temporary = path + ".tmp"
        unlink(temporary)  // a leftover of a crash; O_EXCL below refuses anything planted there
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        let bytes = witness.encoded()
        var written = 0
        var failure: Int32 = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { failure = n < 0 ? errno : EIO; break }
            written += n
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        close(fd)
        guard failure == 0 else {
            unlink(temporary)
            throw .io("cannot write \(temporary): \(String(cString: strerror(failure)))")
        }
        guard rename(temporary, path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temporary)
            throw .io("cannot rename \(temporary) to \(path): \(why)")
        }
        // The rename is durable only once the directory entry is.
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryFD >= 0 else { throw .io("cannot open \(directory) to sync it: \(String(cString: strerror(errno)))") }
        defer { close(directoryFD) }
        guard fsync(directoryFD) == 0 else { throw .io("cannot sync \(directory): \(String(cString: strerror(errno)))") }
    }
}
