#if canImport(Glibc)
import Glibc
#endif
import CSQLite

/// Start-up steps: the quick integrity check, keeping a damaged database aside, and the
/// pragmas every connection must have.
enum StoreOpening {
    /// A description of the damage, or nil for a sound database.
    static func damage(in connection: SQLiteConnection) throws(StoreError) -> String? {
        do {
            let lines = try connection.texts("PRAGMA quick_check")
            return lines == ["ok"] ? nil : lines.prefix(3).joined(separator: "; ")
        } catch {
            // "not a database" and "malformed" are damage; anything else (I/O, permissions)
            // is a problem of the machine, not of the file, and is reported as it is.
            if let code = error.sqliteResultCode, [SQLITE_CORRUPT, SQLITE_NOTADB].contains(code & 0xFF) {
                return error.description
            }
            throw error
        }
    }

    /// Moves the database and its WAL/SHM into `damaged/<UTC time>/`; returns that folder.
    static func keepAside(path: String, directory: String) throws(StoreError) -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        strftime(&buffer, buffer.count, "%Y%m%dT%H%M%SZ", &parts)
        let stamp = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let parent = directory + "/damaged"
        mkdir(parent, 0o700)
        var target = parent + "/" + stamp
        var attempt = 1
        while mkdir(target, 0o700) != 0 {
            guard errno == EEXIST, attempt < 100 else { throw .io("cannot create \(target): \(String(cString: strerror(errno)))") }
            attempt += 1
            target = parent + "/" + stamp + "-\(attempt)"
        }
        let name = String(path.split(separator: "/").last ?? "")
        for suffix in ["", "-wal", "-shm"] where access(path + suffix, F_OK) == 0 {
            guard rename(path + suffix, target + "/" + name + suffix) == 0 else {
                throw .io("cannot move \(path + suffix) aside: \(String(cString: strerror(errno)))")
            }
        }
        return target
    }

    /// WAL, full fsync on every commit, zeroed deleted content. Each is read back: a
    /// pragma that silently did not take (the GRDB trap in ../shared/notes) is an error.
    static func configure(_ connection: SQLiteConnection) throws(StoreError) {
        guard try connection.scalarText("PRAGMA journal_mode = WAL") == "wal" else {
            throw .io("SQLite refused WAL mode")
        }
        try connection.execute("""
            PRAGMA synchronous = FULL;
            PRAGMA secure_delete = ON;
            PRAGMA foreign_keys = ON;
            PRAGMA temp_store = MEMORY;
            PRAGMA cell_size_check = ON;
            PRAGMA busy_timeout = 5000;
            """)
        guard try connection.scalarText("PRAGMA synchronous") == "2" else { throw .io("synchronous=FULL did not take") }
        guard try connection.scalarText("PRAGMA secure_delete") == "1" else { throw .io("secure_delete did not take") }
    }
}
