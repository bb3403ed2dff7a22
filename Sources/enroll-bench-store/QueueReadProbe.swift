import CSQLite
import EnrollCore
import Foundation
import Store

/// The queue's status reads (`summary`, what `/v1/queue`, `/v1/status` and the metrics use,
/// and `admission`, what a station asks every few seconds) on a full outbox, with the
/// sizes index the store creates and with it dropped, in the same run on the same file.
enum QueueReadProbe {
    struct Figures {
        var summary: Double
        var admission: Double
    }

    /// Median wall seconds of `repeats` reads of each, after one read to warm the cache.
    static func measure(_ store: RecordStore, repeats: Int) throws -> Figures {
        func median(_ body: () throws -> Void) rethrows -> Double {
            try body()
            var times: [Double] = []
            for _ in 0..<repeats {
                let start = ContinuousClock.now
                try body()
                times.append((ContinuousClock.now - start).seconds)
            }
            return times.sorted()[times.count / 2]
        }
        return Figures(summary: try median { _ = try store.summary() },
                       admission: median { _ = store.admission(expectedRecordBytes: 2 << 20) })
    }

    /// Drops the index behind the store's back (closed meanwhile), as a database from
    /// before the migration would be read.
    static func dropSizesIndex(databasePath: String) throws {
        var db: OpaquePointer?
        guard sqlite3_open(databasePath, &db) == SQLITE_OK else { throw Failure("cannot open \(databasePath)") }
        defer { sqlite3_close(db) }
        guard sqlite3_exec(db, "DROP INDEX outbox_sizes", nil, nil, nil) == SQLITE_OK else {
            throw Failure(String(cString: sqlite3_errmsg(db)))
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
