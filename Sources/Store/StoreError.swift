/// Why the store refused or failed an operation. "Refused" cases (quota, low disk) are
/// normal back-pressure the UI explains; `diskFull` means a write actually hit ENOSPC and
/// was rolled back, nothing committed was lost.
public struct StoreError: Error, CustomStringConvertible {
    private enum Code {
        case sqlite(operation: String, code: Int32, message: String)
        case diskFull(String)
        case damaged(keptAt: String, detail: String)
        case quotaExceeded(queued: Int, limit: Int, reserve: Int)
        case lowDisk(free: Int, minimum: Int, reserve: Int)
        case notFound(String)
        case rejected(String)
        case chainMismatch(String)
        case io(String)
    }

    private let code: Code
    private init(_ code: Code) { self.code = code }

    static func sqlite(_ operation: String, code: Int32, message: String) -> StoreError {
        .init(.sqlite(operation: operation, code: code, message: message))
    }
    static func diskFull(_ operation: String) -> StoreError { .init(.diskFull(operation)) }
    static func damaged(keptAt: String, detail: String) -> StoreError { .init(.damaged(keptAt: keptAt, detail: detail)) }
    static func quotaExceeded(queued: Int, limit: Int, reserve: Int) -> StoreError { .init(.quotaExceeded(queued: queued, limit: limit, reserve: reserve)) }
    static func lowDisk(free: Int, minimum: Int, reserve: Int) -> StoreError { .init(.lowDisk(free: free, minimum: minimum, reserve: reserve)) }
    static func notFound(_ what: String) -> StoreError { .init(.notFound(what)) }
    static func rejected(_ why: String) -> StoreError { .init(.rejected(why)) }
    static func chainMismatch(_ why: String) -> StoreError { .init(.chainMismatch(why)) }
    static func io(_ why: String) -> StoreError { .init(.io(why)) }

    /// The SQLite result code (extended), when SQLite reported this error.
    var sqliteResultCode: Int32? { if case .sqlite(_, let code, _) = code { code } else { nil } }

    /// A write hit ENOSPC (SQLITE_FULL) and was rolled back.
    public var isDiskFull: Bool { if case .diskFull = code { true } else { false } }
    /// The database failed its integrity check and was moved aside.
    public var isDamaged: Bool { if case .damaged = code { true } else { false } }
    /// Where a damaged database was moved, if that is what this error is.
    public var damagedCopyPath: String? { if case .damaged(let path, _) = code { path } else { nil } }
    /// New records are refused because the queue is at its configured maximum.
    public var isQuotaExceeded: Bool { if case .quotaExceeded = code { true } else { false } }
    /// New records are refused because free disk is below the configured minimum.
    public var isLowDisk: Bool { if case .lowDisk = code { true } else { false } }
    /// A capacity refusal (quota or low disk): back-pressure, not a failure.
    public var isCapacityRefusal: Bool { isQuotaExceeded || isLowDisk }
    /// A receipt or record was refused by its validator.
    public var isRejected: Bool { if case .rejected = code { true } else { false } }

    public var description: String {
        switch code {
        case .sqlite(let operation, let code, let message): "SQLite error \(code) in \(operation): \(message)"
        case .diskFull(let operation): "the disk is full (\(operation) was rolled back; committed records are safe)"
        case .damaged(let path, let detail): "the database failed its integrity check (\(detail)); it was kept at \(path)"
        // Admission reserves room for a whole record, so the refusal comes before the
        // outbox is full: saying only "at its limit" over a half-empty outbox misled.
        case .quotaExceeded(let queued, let limit, let reserve):
            "the outbox holds \(mebibytes(queued)) not yet synced, of its limit of \(mebibytes(limit)) (storage.max_queue_mib), "
                + "and a new record needs room for up to \(mebibytes(reserve)); new enrollments wait until records are synced"
        case .lowDisk(let free, let minimum, let reserve):
            "only \(mebibytes(free)) free on the state disk; a new record needs up to \(mebibytes(reserve)) above the minimum "
                + "of \(mebibytes(minimum)) (storage.min_free_mib); new enrollments wait until space is freed"
        case .notFound(let what): "\(what) not found"
        case .rejected(let why): "rejected: \(why)"
        case .chainMismatch(let why): "chain mismatch: \(why)"
        case .io(let why): why
        }
    }
}

/// A byte count as technicians read it in the refusal texts: "1.2 MiB".
/// Rounded down; no multiplication of the whole count, so `Int.max` does not overflow.
private func mebibytes(_ bytes: Int) -> String {
    let mebibyte = 1 << 20
    let count = max(0, bytes)
    return "\(count / mebibyte).\(count % mebibyte * 10 / mebibyte) MiB"
}
