import Foundation
import Sync
import Testing

/// The transport reads its client certificate's expiry, for the daemon's expiry watch.
@Suite(.enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct CertificateExpiryTests {
    @Test func theClientCertificatesExpiryIsRead() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 0)
        // provision-issue makes the "expired" one valid for January 2020 only.
        let expired = try HTTPIngestTransport(settings: fixture.settings(certificate: "expired"))
        await expired.shutdown()
        #expect(expired.certificateExpiry == 1_580_515_200)
        // … and a device certificate for 825 days from now.
        let transport = try HTTPIngestTransport(settings: fixture.settings())
        await transport.shutdown()
        let current = try #require(transport.certificateExpiry)
        let expected = Int64(Date().timeIntervalSince1970) + 825 * 86_400
        #expect(abs(current - expected) < 2 * 86_400, "\(current) vs \(expected)")
    }
}
