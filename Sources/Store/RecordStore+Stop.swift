/// What the daemon's stop asks of the store.
extension RecordStore {
    /// Closing the connection will not checkpoint the WAL into the database. Every commit
    /// is already on disk in the WAL (`synchronous=FULL`), and the next open recovers the
    /// WAL as SQLite does after a crash, so nothing committed is lost; what is saved is the
    /// checkpoint's page copies and its fsyncs at close, which under a saturated disk (the
    /// CI machine, a kiosk's SD card during an update) held the stop for seconds.
    /// Purged records are unaffected: `purge` truncates the WAL itself.
    /// Returns false when SQLite did not take the setting (the close then checkpoints, as
    /// before: slower, equally safe).
    @discardableResult
    public func skipCheckpointOnClose() -> Bool {
        (try? read { c throws(StoreError) in c.skipCheckpointOnClose() }) ?? false
    }
}
