import Foundation

/// The receiver's storage has no log of who looked at or copied a record (erase leaves no
/// trace but its output either): the data-protection officer's request log is the record
/// of these requests. `find` and `export` say so on standard error, each time, so the
/// operator is reminded where it is needed and scripts reading standard output are not
/// disturbed.
enum RequestLogNote {
    static func print(what: String) {
        let line = "note: enroll-ingest keeps no log of this \(what); enter it in the data-protection officer's request log "
            + "(date, reference, who asked, what was done or handed over)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
