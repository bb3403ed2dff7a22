import EnrollCore
import Foundation
@testable import Sync
import Testing

/// The head answer can stop enrollments, so only a well-formed answer about this very
/// device may count: broken, truncated, oversized, hostile or foreign answers teach nothing.
@Suite struct DeviceHeadAnswerTests {
    static let device = "00112233445566778899aabbccddeeff"

    static func answer(_ text: String, status: Int = 200) -> IngestResponse {
        IngestResponse(status: status, retryAfter: nil, body: Array(text.utf8))
    }

    @Test func aWellFormedAnswerIsRead() {
        let body = #"{"device_id":"00112233445566778899AABBCCDDEEFF","sequence":42,"hash":"ab"}"#
        #expect(DeviceHeadAnswer.decode(Self.answer(body), deviceID: Self.device) == DeviceHeadReply(deviceID: "00112233445566778899AABBCCDDEEFF", sequence: 42, hash: "ab"))
    }

    @Test(arguments: [
        "",
        "{",
        #"{"device_id":"00112233445566778899aabbccddeeff","sequence":42"#,
        #"{"device_id":"00112233445566778899aabbccddeeff","hash":"ab"}"#,
        #"{"device_id":"00112233445566778899aabbccddeeff","sequence":-1,"hash":"ab"}"#,
        #"{"device_id":"00112233445566778899aabbccddeeff","sequence":1e30,"hash":"ab"}"#,
        #"{"device_id":"00112233445566778899aabbccddeeff","sequence":"42","hash":"ab"}"#,
        #"{"device_id":"ffeeddccbbaa99887766554433221100","sequence":42,"hash":"ab"}"#,
        #"[1,2,3]"#,
        "\u{0}\u{1}\u{2}",
    ])
    func brokenOrForeignAnswersAreIgnored(body: String) {
        #expect(DeviceHeadAnswer.decode(Self.answer(body), deviceID: Self.device) == nil)
    }

    @Test func oversizedAndNonOKAnswersAreIgnored() {
        let padded = #"{"device_id":"00112233445566778899aabbccddeeff","sequence":42,"hash":""# + String(repeating: "a", count: 5_000) + #""}"#
        #expect(DeviceHeadAnswer.decode(Self.answer(padded), deviceID: Self.device) == nil)
        let body = #"{"device_id":"00112233445566778899aabbccddeeff","sequence":42,"hash":"ab"}"#
        for status in [403, 404, 500, 503] {
            #expect(DeviceHeadAnswer.decode(Self.answer(body, status: status), deviceID: Self.device) == nil)
        }
    }
}
