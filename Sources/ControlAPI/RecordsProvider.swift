import EnrollCore
import Hummingbird

/// Answers the API's questions about the outbox and the device key; the composition root
/// implements it over the store, so the API target knows neither SQLite nor the keys.
public protocol RecordsProvider: Sendable {
    /// The outbox and whether a new session would be accepted.
    func queueStatus() async -> QueueStatus
    /// The device's public identity; nil when the key could not be loaded.
    func deviceKey() async -> DeviceKeyInfo?
    /// A PKCS#10 request (PEM) for the device key, signed by it; nil without a key.
    func certificateRequest() async -> String?
}

extension QueueStatus: ResponseEncodable {}
extension DeviceKeyInfo: ResponseEncodable {}
