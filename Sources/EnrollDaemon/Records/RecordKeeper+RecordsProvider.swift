import ControlAPI
import EnrollCore
import Trust

/// The API's view of the records: `/v1/queue` and `/v1/key`.
struct RecordsSource: RecordsProvider {
    let keeper: RecordKeeper
    /// For the staff warning: whether uploads are failing.
    var sync: SyncParts?

    func queueStatus() async -> QueueStatus {
        let now = RecordKeeper.unixMilliseconds()
        var status = await keeper.queueStatus(now: now)
        // Waiting for TLS files keeps records here just as failing uploads do.
        let state = await sync?.summary().state
        let failing = state == .backingOff || state == .waitingForTLSFiles
        status.warning = QueueWarning.evaluate(queue: status.queue, maximumQueueBytes: status.maximumQueueBytes,
                                               syncFailing: failing, now: Double(now) / 1000)
        return status
    }
    func deviceKey() async -> DeviceKeyInfo? { keeper.keyInfo }

    func certificateRequest() async -> String? {
        guard let key = keeper.deviceKey else { return nil }
        return try? CertificateRequest.pem(for: key, commonName: "enrolld " + Hex.encode(key.deviceID))
    }
}
