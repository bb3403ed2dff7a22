import EnrollCore
import EventLog
import Foundation
import Logging
import Sync
import TestSupport
import Testing
import Trust

/// Devices without a valid certificate, or not registered, deliver nothing, and the
/// uploader says why.
@Suite(.serialized, .enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct UploaderRefusalTests {
    /// Also: the words are plain (no BoringSSL stack, no source path) and the failure is
    /// journalled at error level under the trust entry, the raw detail at debug only.
    static func refused(_ harness: IngestHarness, certificate: String, caFile: String? = nil, expect text: String,
                        wallClock: @escaping @Sendable () -> Int64 = WallClock.milliseconds) async throws {
        let fixture = try SyncFixture(harness: harness, records: 5)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        let log = KeptLog()
        let uploader = try fixture.uploader(fixture.settings(certificate: certificate, caFile: caFile), wallClock: wallClock, log: log)
        let failed = await SyncFixture.run(uploader, timeout: .seconds(60)) { await uploader.summary().lastError != nil }
        #expect(failed)
        let summary = await uploader.summary()
        #expect(summary.state == .backingOff)
        #expect(summary.lastError?.contains(text) == true, "\(summary.lastError ?? "")")
        for raw in ["sslError", "checkouts", "transport:", "SSLV3", "TLSV1"] {
            #expect(summary.lastError?.contains(raw) == false, "\(summary.lastError ?? "")")
        }
        let journalled = log.entries.filter { $0.id == CatalogEvent.centralTrustFailing.messageID }
        #expect(journalled.count == 1 && journalled.first?.level == .error, "\(log.messages)")
        #expect(fixture.backlog == 5)
        #expect(try await fixture.serverRecords().isEmpty)
    }

    @Test func anExpiredClientCertificateIsRefused() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        try await Self.refused(harness, certificate: "expired", expect: "refused this kiosk's TLS client certificate as expired: renew central.client_certificate")
    }

    @Test func aCertificateFromAnotherCAIsRefused() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        // Copy the foreign certificate beside the others so the fixture finds it by name.
        for ext in ["pem", "key"] {
            try FileManager.default.copyItem(at: harness.otherPKI.appendingPathComponent("foreign.\(ext)"),
                                             to: harness.pki.appendingPathComponent("foreign.\(ext)"))
        }
        try await Self.refused(harness, certificate: "foreign", expect: "not issued by the central CA (central.client_certificate)")
    }

    @Test func aValidButUnregisteredCertificateIsForbidden() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        try await Self.refused(harness, certificate: "unregistered", expect: "the central server does not know this kiosk (not registered or revoked)")
    }

    @Test func aServerFromAnotherCAIsNotTrusted() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        try await Self.refused(harness, certificate: "kiosk", caFile: harness.otherPKI.appendingPathComponent("ca.pem").path, expect: "not signed by the CA in central.ca_file")
    }

    /// The receiver pins the kiosk's key, not its certificate: a certificate renewed for the
    /// same key (`provision-issue renew`) is accepted with the registration unchanged.
    @Test func aCertificateRenewedForTheSameKeyNeedsNoNewRegistration() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        let fixture = try SyncFixture(harness: harness, records: 3)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        let registration = try String(contentsOf: harness.devices, encoding: .utf8)
        let old = try Data(contentsOf: harness.pki.appendingPathComponent("kiosk.pem"))
        try harness.renew("kiosk")
        #expect(try Data(contentsOf: harness.pki.appendingPathComponent("kiosk.pem")) != old, "a new certificate")
        let uploader = try fixture.uploader(fixture.settings())
        #expect(await SyncFixture.run(uploader, timeout: .seconds(60)) { fixture.backlog == 0 })
        #expect(try await fixture.serverRecords().map(\.sequence) == [1, 2, 3])
        #expect(try String(contentsOf: harness.devices, encoding: .utf8) == registration)
    }

    /// A kiosk whose clock went back to 2001 (a dead clock battery, no time server): every
    /// certificate looks not yet valid, and the words must say the clock, not the CA.
    /// BoringSSL reads the system's time, which a test cannot set, so the server's
    /// certificate is refused here by a foreign CA file, as the wrong clock would refuse it,
    /// and the uploader's clock says 2001.
    @Test func aKioskClockBeforeItsOwnCertificatesIsSaidToBeTheProblem() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        try await Self.refused(harness, certificate: "kiosk", caFile: harness.otherPKI.appendingPathComponent("ca.pem").path,
                               expect: "this kiosk's clock says 2001-01-01 00:00 UTC, before its own TLS certificates were issued",
                               wallClock: { 978_307_200_000 })
    }
}

/// The window the kiosk's certificates allow, and what the kiosk says outside it.
@Suite struct CertificateWindowTests {
    let window = CertificateWindow(validFrom: 1_780_000_000, caValidUntil: 2_100_000_000)

    @Test func insideTheWindowTheClockIsNotBlamed() {
        #expect(window.clockProblem(nowMilliseconds: 1_780_000_000_000) == nil)
        #expect(window.clockProblem(nowMilliseconds: 2_100_000_000_000) == nil)
    }

    @Test func beforeItTheClockIsWrong() throws {
        let text = try #require(window.clockProblem(nowMilliseconds: 0))
        #expect(text.contains("this kiosk's clock says 1970-01-01 00:00 UTC") && text.contains("2026-05-28") && text.contains("timedatectl"))
    }

    @Test func afterTheCAsEndEitherItOrTheClockMustChange() throws {
        let text = try #require(window.clockProblem(nowMilliseconds: 2_100_000_001_000))
        #expect(text.contains("the CA in central.ca_file expired on 2036-07-18") && text.contains("new CA file"))
    }
}
