import EnrollCore
import Foundation

/// Reads the receiver's `GET /v1/devices/{id}/head` answer defensively: the uploader acts
/// on it (it can stop enrollments), so only a well-formed answer about this very device
/// counts; anything else is "learned nothing".
enum DeviceHeadAnswer {
    /// The answer is JSON of a few dozen bytes; anything much larger is not one.
    static let maximumBytes = 4_096

    static func decode(_ response: IngestResponse, deviceID: String) -> DeviceHeadReply? {
        guard response.status == 200, response.body.count <= maximumBytes,
              let reply = try? JSONDecoder().decode(DeviceHeadReply.self, from: Data(response.body)),
              reply.deviceID.lowercased() == deviceID.lowercased() else { return nil }
        return reply
    }
}
