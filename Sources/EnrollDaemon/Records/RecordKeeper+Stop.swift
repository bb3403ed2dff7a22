import Store

/// The record side of the daemon's stop.
extension RecordKeeper {
    /// After the services have stopped: waits for what is still on the store's thread
    /// (a purge, a metrics read), then tells the store to close without a WAL checkpoint,
    /// so the stop takes no fsync of its own (see `RecordStore.skipCheckpointOnClose`).
    /// Audit entries are no longer queued without waiting: each was on disk before its
    /// action answered.
    func prepareStoreForStop() async {
        await openStore?.run { store in store.skipCheckpointOnClose() }
    }
}
