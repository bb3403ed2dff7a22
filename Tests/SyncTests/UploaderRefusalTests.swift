import EnrollCore
import Foundation
import Sync
import Testing
import Trust

/// Devices without a valid certificate, or not registered, deliver nothing, and the
/// uploader says why.
@Suite(.serialized, .enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct UploaderRefusalTests {
    static func refused(_ harness: IngestHarness, certificate: String, caFile: String? = nil, expect text: String) async throws {
        let fixture = try SyncFixture(harness: harness, records: 5)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        let uploader = try fixture.uploader(fixture.settings(certificate: certificate, caFile: caFile))
        let failed = await SyncFixture.run(uploader, timeout: .seconds(60)) { await uploader.summary().lastError != nil }
        #expect(failed)
        let summary = await uploader.summary()
        #expect(summary.state == .backingOff)
        #expect(summary.lastError?.contains(text) == true, "\(summary.lastError ?? "")")
        #expect(fixture.backlog == 5)
        #expect(try await fixture.serverRecords().isEmpty)
    }

    @Test func anExpiredClientCertificateIsRefused() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        try await Self.refused(harness, certificate: "expired", expect: "transport")
    }

    @Test func aCertificateFromAnotherCAIsRefused() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        // Copy the foreign certificate beside the others so the fixture finds it by name.
        for ext in ["pem", "key"] {
            try FileManager.default.copyItem(at: harness.otherPKI.appendingPathComponent("foreign.\(ext)"),
                                             to: harness.pki.appendingPathComponent("foreign.\(ext)"))
        }
        try await Self.refused(harness, certificate: "foreign", expect: "transport")
    }

    @Test func aValidButUnregisteredCertificateIsForbidden() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        try await Self.refused(harness, certificate: "unregistered", expect: "HTTP 403")
    }

    @Test func aServerFromAnotherCAIsNotTrusted() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        try await Self.refused(harness, certificate: "kiosk", caFile: harness.otherPKI.appendingPathComponent("ca.pem").path, expect: "transport")
    }
}
