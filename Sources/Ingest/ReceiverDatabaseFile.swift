import Foundation

/// The receiver's SQLite file as the one-off commands (list, find, export, erase,
/// accept-gap, import-outbox) open it: only a file `serve` made. None of them creates one: a
/// mistyped `--database`, or the default `ingest.sqlite` looked for in another folder than
/// serve's, would otherwise report no kiosks, answer "not held here", or import records into
/// a file the receiver never reads.
enum ReceiverDatabaseFile {
    /// What the operator should give instead, in every refusal.
    static let remedy = "give --database with the file `enroll-ingest serve` stores into (its --database; "
        + "without one, ingest.sqlite in the folder serve runs in), or --postgres … for PostgreSQL storage"

    /// The database at `path`, checked to be a receiver's (its `records` and `heads`
    /// tables exist), or an error naming the path as an absolute one and what to give.
    static func open(_ path: String, access: SQLiteDatabase.Access) throws(IngestError) -> SQLiteDatabase {
        let shown = absolute(path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw failure("no receiver database at \(shown) (nothing was created there): \(remedy)")
        }
        guard !isFolder.boolValue else { throw failure("\(shown) is a folder, not a receiver database: \(remedy)") }
        let database: SQLiteDatabase
        do { database = try SQLiteDatabase(path: path, access: access) } catch {
            throw failure("cannot open the receiver database \(shown): \(error)")
        }
        let tables: Int64
        do {
            tables = try database.query("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('records', 'heads')").first?.first?.int ?? 0
        } catch {
            throw failure("\(shown) is not a readable receiver database (\(error)): \(remedy)")
        }
        guard tables == 2 else {
            // A kiosk's enrolld.sqlite is the likeliest other SQLite file to be named here.
            throw failure("\(shown) is an SQLite file but not a receiver database (it has no records and heads tables; "
                + "a kiosk's enrolld.sqlite is read with import-outbox): \(remedy)")
        }
        return database
    }

    /// `path` as the operator can find it whatever folder the command ran in.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
            .standardizedFileURL.path
    }

    static func failure(_ message: String) -> IngestError { IngestError(status: 0, code: "storage_unreadable", message: message) }
}
