import ControlAPI
import EnrollCore

/// The API's view of the records: `/v1/queue` and `/v1/key`.
struct RecordsSource: RecordsProvider {
    let keeper: RecordKeeper

    func queueStatus() async -> QueueStatus { keeper.queueStatus(now: RecordKeeper.unixMilliseconds()) }
    func deviceKey() async -> DeviceKeyInfo? { keeper.keyInfo }
}
