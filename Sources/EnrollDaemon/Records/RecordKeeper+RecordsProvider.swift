import ControlAPI
import EnrollCore
import Trust

/// The API's view of the records: `/v1/queue` and `/v1/key`.
struct RecordsSource: RecordsProvider {
    let keeper: RecordKeeper

    func queueStatus() async -> QueueStatus { await keeper.queueStatus(now: RecordKeeper.unixMilliseconds()) }
    func deviceKey() async -> DeviceKeyInfo? { keeper.keyInfo }

    func certificateRequest() async -> String? {
        guard let key = keeper.deviceKey else { return nil }
        return try? CertificateRequest.pem(for: key, commonName: "enrolld " + Hex.encode(key.deviceID))
    }
}
