#if canImport(Glibc)
import Glibc
#endif

/// Why a new session may or may not start, given the store's limits.
public struct Admission: Sendable, Equatable {
    /// Nil when a session may start; otherwise the refusal (quota or low disk).
    public let refusal: String?
    public let queuedBytes: Int
    public let freeBytes: Int

    public var accepted: Bool { refusal == nil }
}

extension RecordStore {
    /// Checks, before a session starts, that a record of `expectedRecordBytes` fits both
    /// the queue quota and the free-disk minimum. Throws the refusal, so a caller cannot
    /// overlook it; a session already running may still commit (its margin is the minimum).
    public func admit(expectedRecordBytes: Int) throws(StoreError) {
        let (queued, free) = try capacity()
        if queued + expectedRecordBytes > limits.maximumQueueBytes {
            throw .quotaExceeded(queued: queued, limit: limits.maximumQueueBytes, reserve: expectedRecordBytes)
        }
        if free - expectedRecordBytes < limits.minimumFreeBytes {
            throw .lowDisk(free: free, minimum: limits.minimumFreeBytes, reserve: expectedRecordBytes)
        }
    }

    /// The same check as `admit`, as a value for status displays.
    public func admission(expectedRecordBytes: Int) -> Admission {
        let (queued, free) = (try? capacity()) ?? (0, 0)
        do {
            try admit(expectedRecordBytes: expectedRecordBytes)
            return Admission(refusal: nil, queuedBytes: queued, freeBytes: free)
        } catch {
            return Admission(refusal: error.description, queuedBytes: queued, freeBytes: free)
        }
    }

    /// Bytes of the envelopes still awaiting a receipt, and bytes free to unprivileged users
    /// on the disk. Receipted records waiting out their retention do not count against the
    /// quota: the server has them, and a busy week must not stop enrollments because of
    /// copies kept only for the retention period (the free-disk minimum still bounds them).
    func capacity() throws(StoreError) -> (queued: Int, free: Int) {
        let queued = try read { c throws(StoreError) in
            let s = try c.prepare("""
                SELECT coalesce(sum(o.bytes), 0) FROM outbox o
                WHERE NOT EXISTS (SELECT 1 FROM receipts r WHERE r.sequence = o.sequence)
                """)
            _ = try s.step()
            return Int(s.int64(0))
        }
        return (queued, try Self.freeBytes(directory))
    }

    static func freeBytes(_ directory: String) throws(StoreError) -> Int {
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else { throw .io("statvfs \(directory): \(String(cString: strerror(errno)))") }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }
}
