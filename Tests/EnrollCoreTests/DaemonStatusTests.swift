import Foundation
import Testing
import EnrollCore

@Suite struct DaemonStatusTests {
    @Test func jsonUsesSnakeCaseKeysAndRoundTrips() throws {
        let status = DaemonStatus(
            version: "0.1.0", phase: .ready, uptimeSeconds: 12.5,
            devices: [DeviceSummary(id: "usb-1-2", kind: .fingerprintReader, name: "Virtual image device", health: .cooling)],
            queue: QueueSummary(depth: 3, bytes: 614_400, oldestAgeSeconds: 60),
            sync: SyncSummary(state: .backingOff, lastSuccess: 1_700_000_000, lastError: "HTTP 503"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(status), as: UTF8.self)
        #expect(json.contains("\"uptime_seconds\":12.5"))
        #expect(json.contains("\"oldest_age_seconds\":60"))
        #expect(json.contains("\"kind\":\"fingerprint_reader\""))
        #expect(json.contains("\"state\":\"backing_off\""))
        #expect(json.contains("\"last_error\":\"HTTP 503\""))
        #expect(try JSONDecoder().decode(DaemonStatus.self, from: Data(json.utf8)) == status)
    }

    @Test(arguments: ["{}", "[]", "{\"version\":1}", "null", "{\"version\":\"x\",\"phase\":\"flying\"}"])
    func malformedStatusIsRefused(_ json: String) {
        #expect(throws: (any Error).self) { try JSONDecoder().decode(DaemonStatus.self, from: Data(json.utf8)) }
    }
}
