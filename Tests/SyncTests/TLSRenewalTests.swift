#if canImport(Glibc)
import Glibc
#endif
import EventLog
import Foundation
import Logging
import Sync
import TestSupport
import Testing

/// TLS files renewed in place are noticed by their identity (no reading), loaded with the
/// checks of the start, and adopted only when usable together; a refused set keeps the
/// working transport and is journalled once per change. Real PEM files from the test PKI
/// (scripts/provision-ca, provision-issue).
@Suite(.serialized, .enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct TLSRenewalTests {
    let harness: IngestHarness
    /// Where the kiosk's configuration points, as /etc/enrolld/tls on a kiosk.
    let tls: URL
    let log = KeptLog()

    init() throws {
        harness = try IngestHarness()
        tls = try BuiltProducts.temporaryFolder()
        try install("ca.pem", as: "ca.pem")
        try install("expired.pem", as: "kiosk.pem")
        try install("expired.key", as: "kiosk.key")
    }

    var settings: SyncSettings {
        SyncSettings(url: "https://127.0.0.1:1", caFile: tls.appendingPathComponent("ca.pem").path,
                     clientCertificate: tls.appendingPathComponent("kiosk.pem").path, clientKey: tls.appendingPathComponent("kiosk.key").path)
    }

    /// Puts a PKI file (or `bytes`) in place as configuration management does: written
    /// beside, then renamed over the old one.
    func install(_ source: String, as name: String, bytes: [UInt8]? = nil) throws {
        let data = try bytes.map { Data($0) } ?? Data(contentsOf: harness.pki.appendingPathComponent(source))
        let beside = tls.appendingPathComponent(".\(name).new")
        try data.write(to: beside)
        #expect(rename(beside.path, tls.appendingPathComponent(name).path) == 0)
    }

    /// Runs `body` on a renewal of the files in place, and shuts its clients down however
    /// the body ends (async-http-client traps on a client dropped without it).
    func withRenewal(_ body: (TLSRenewal) async throws -> Void) async throws {
        var logger = log.logger("tls-test")
        logger.logLevel = .trace
        let renewal = try TLSRenewal(settings: settings, logger: logger)
        do { try await body(renewal) } catch {
            await renewal.shutdown()
            throw error
        }
        await renewal.shutdown()
    }

    var reloaded: [String] { log.messages(withID: CatalogEvent.tlsFilesReloaded.messageID) }
    var refused: [String] { log.messages(withID: CatalogEvent.tlsFilesRefused.messageID) }

    @Test func theIdentityChangesWithARenameARewriteOrATouchAndNotByItself() throws {
        let first = TLSFileIdentity.of(settings)
        #expect(TLSFileIdentity.of(settings) == first)
        // The same bytes under a new inode: a renewal that happens to be identical is
        // loaded again, which costs nothing; missing it would cost a restart.
        try install("expired.pem", as: "kiosk.pem")
        let renamed = TLSFileIdentity.of(settings)
        #expect(renamed != first)
        var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, settings.clientKey, &times, 0) == 0)
        let touched = TLSFileIdentity.of(settings)
        #expect(touched != renamed)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: settings.caFile))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n".utf8))
        try handle.close()
        #expect(TLSFileIdentity.of(settings) != touched)
        try FileManager.default.removeItem(atPath: settings.caFile)
        #expect(TLSFileIdentity.of(settings) != touched)
    }

    @Test func unchangedFilesAreNotLoadedAgain() async throws {
        try await withRenewal { renewal in
            let transport = renewal.transport as AnyObject
            #expect(renewal.check() == .unchanged)
            #expect(renewal.check() == .unchanged)
            #expect(renewal.transport as AnyObject === transport)
            #expect(reloaded.isEmpty && refused.isEmpty, "\(log.messages)")
        }
    }

    /// `provision-issue renew`: a new certificate for the same key, dropped in place.
    @Test func aCertificateRenewedForTheSameKeyIsLoadedWithItsNewExpiry() async throws {
        try await withRenewal { renewal in
            let before = try #require(renewal.certificateExpiry)
            #expect(before < Int64(Date().timeIntervalSince1970), "the test starts from the expired certificate")
            let old = renewal.transport as AnyObject
            try harness.renew("expired")
            try install("expired.pem", as: "kiosk.pem")
            #expect(renewal.check() == .reloaded)
            let after = try #require(renewal.certificateExpiry)
            #expect(after > Int64(Date().timeIntervalSince1970) + 800 * 86_400, "825 days from now: \(after)")
            #expect(renewal.transport as AnyObject !== old)
            #expect(renewal.problem == nil)
            #expect(reloaded.count == 1 && reloaded[0].contains("valid until \(CertificateWindow.date(after))"), "\(log.messages)")
            #expect(log.entries.first { $0.id == CatalogEvent.tlsFilesReloaded.messageID }?.level == .info)
            #expect(renewal.check() == .unchanged)
            #expect(reloaded.count == 1)
        }
    }

    /// A renewal copied halfway: the new certificate is there, the key is still another's
    /// (here: another kiosk's). Never adopted; journalled once however often it is checked.
    @Test func aKeyThatDoesNotGoWithTheCertificateIsRefusedOncePerChange() async throws {
        try await withRenewal { renewal in
            let working = renewal.transport as AnyObject
            let expiry = renewal.certificateExpiry
            try install("unregistered.key", as: "kiosk.key")
            guard case .refused(let problem, journalled: true) = renewal.check() else {
                Issue.record("not refused: \(log.messages)")
                return
            }
            #expect(problem.key == "central.client_key" && problem.path == settings.clientKey, "\(problem)")
            #expect(problem.reason.contains("does not go with the certificate in central.client_certificate"), "\(problem)")
            #expect(renewal.problem == problem)
            #expect(renewal.transport as AnyObject === working, "the working transport stays")
            #expect(renewal.certificateExpiry == expiry)
            for _ in 0..<3 { #expect(renewal.check() == .refused(problem, journalled: false)) }
            #expect(refused.count == 1, "\(log.messages)")
            let entry = try #require(log.entries.first { $0.id == CatalogEvent.tlsFilesRefused.messageID })
            #expect(entry.level == .error && entry.message.contains("central.client_key \(settings.clientKey)"), "\(entry.message)")

            // Another change, still unusable (the certificate half written): journalled again.
            let pem = Array(try Data(contentsOf: harness.pki.appendingPathComponent("kiosk.pem")))
            try install("", as: "kiosk.pem", bytes: Array(pem.prefix(pem.count / 2)))
            guard case .refused(let truncated, journalled: true) = renewal.check() else {
                Issue.record("a truncated certificate was not refused: \(log.messages)")
                return
            }
            #expect(truncated.key == "central.client_certificate" && truncated.reason == "not a PEM certificate file", "\(truncated)")
            #expect(refused.count == 2)

            // The copy completes: certificate and key of the same kiosk.
            try install("kiosk.pem", as: "kiosk.pem")
            try install("kiosk.key", as: "kiosk.key")
            #expect(renewal.check() == .reloaded)
            #expect(renewal.problem == nil && renewal.transport as AnyObject !== working)
            #expect(refused.count == 2 && reloaded.count == 1, "\(log.messages)")
        }
    }

    @Test func missingOrHostileFilesAreRefusedWithTheirKeyAndPath() async throws {
        try await withRenewal { renewal in
            try FileManager.default.removeItem(atPath: settings.caFile)
            guard case .refused(let missing, journalled: true) = renewal.check() else {
                Issue.record("a missing CA file was not refused")
                return
            }
            #expect(missing == SyncSetupError(key: "central.ca_file", path: settings.caFile, reason: "no such file"))
            var random = SystemRandomNumberGenerator()
            try install("", as: "ca.pem", bytes: (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) })
            guard case .refused(let garbage, journalled: true) = renewal.check() else {
                Issue.record("a garbage CA file was not refused")
                return
            }
            #expect(garbage.key == "central.ca_file" && garbage.reason.contains("certificate"), "\(garbage)")
            // The CA file fixed, the key replaced by a FIFO (which must not stall the check).
            try install("ca.pem", as: "ca.pem")
            #expect(mkfifo(tls.appendingPathComponent(".fifo").path, 0o600) == 0)
            #expect(rename(tls.appendingPathComponent(".fifo").path, settings.clientKey) == 0)
            guard case .refused(let fifo, journalled: true) = renewal.check() else {
                Issue.record("a FIFO in the key's place was not refused")
                return
            }
            #expect(fifo.key == "central.client_key" && fifo.reason == "not a regular file", "\(fifo)")
            #expect(refused.count == 3 && reloaded.isEmpty)
        }
    }
}
