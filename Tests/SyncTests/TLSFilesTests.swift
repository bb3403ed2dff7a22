#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Sync
import TestSupport
import Testing

/// The central TLS files are read when the transport is built, and a bad one is named by
/// its configuration key and path at once, not as "noSuchFilesystemObject" at the first
/// upload. Broken, truncated, oversized and hostile files, on a real test PKI.
@Suite(.serialized, .enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct TLSFilesTests {
    let harness: IngestHarness
    let scratch: URL

    init() throws {
        harness = try IngestHarness()
        scratch = try BuiltProducts.temporaryFolder()
    }

    func settings(ca: String? = nil, certificate: String? = nil, key: String? = nil) -> SyncSettings {
        let pki = harness.pki.path
        return SyncSettings(url: "https://127.0.0.1:1", caFile: ca ?? pki + "/ca.pem",
                            clientCertificate: certificate ?? pki + "/kiosk.pem", clientKey: key ?? pki + "/kiosk.key")
    }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func refusal(_ settings: SyncSettings) -> SyncSetupError? {
        do {
            try HTTPIngestTransport.checkTLSFiles(settings)
            return nil
        } catch {
            return error
        }
    }

    @Test func theProvisionedFilesAreAccepted() async throws {
        #expect(refusal(settings()) == nil)
        // The transport itself is built from them (and shut down: it owns a client).
        let transport = try HTTPIngestTransport(settings: settings())
        #expect(transport.certificateExpiry != nil)
        await transport.shutdown()
    }

    @Test func aMissingCAFileIsNamedByKeyAndPathWhenTheTransportIsBuilt() throws {
        let missing = scratch.appendingPathComponent("nowhere/ca.pem").path
        let error = try #require(refusal(settings(ca: missing)))
        #expect(error.key == "central.ca_file" && error.path == missing && error.reason == "no such file")
        #expect(error.description == "central.ca_file \(missing): no such file")
        #expect(throws: SyncSetupError.self) { try HTTPIngestTransport(settings: settings(ca: missing)) }
    }

    @Test func eachFileIsNamedByItsOwnKey() throws {
        let missing = scratch.appendingPathComponent("gone").path
        #expect(refusal(settings(certificate: missing))?.key == "central.client_certificate")
        #expect(refusal(settings(key: missing))?.key == "central.client_key")
        #expect(refusal(settings(ca: ""))?.reason.contains("not set") == true)
    }

    @Test func brokenTruncatedOversizedAndHostileFilesAreRefused() throws {
        let pem = Array(try Data(contentsOf: harness.pki.appendingPathComponent("ca.pem")))
        var random = SystemRandomNumberGenerator()
        let cases: [(String, [UInt8], String)] = [
            ("empty", [], "empty"),
            ("truncated", Array(pem.prefix(pem.count / 2)), "not a PEM certificate"),
            ("garbage", (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }, "certificate"),
            ("text", Array("hello\n".utf8), "certificate"),
            ("oversized", pem + [UInt8](repeating: 0x41, count: 2 << 20), "larger than"),
            ("a key instead", Array(try Data(contentsOf: harness.pki.appendingPathComponent("kiosk.key"))), "certificate"),
        ]
        for (name, bytes, words) in cases {
            let error = try #require(refusal(settings(ca: try file(name, bytes))), "\(name)")
            #expect(error.key == "central.ca_file" && error.reason.contains(words), "\(name): \(error)")
        }
        let badKey = try #require(refusal(settings(key: try file("key", Array(pem)))))
        #expect(badKey.key == "central.client_key" && badKey.reason == "not a PEM private key")
    }

    @Test func aFolderOrAFIFOInTheFilesPlaceIsNotAFile() throws {
        #expect(refusal(settings(ca: scratch.path))?.reason == "not a regular file")
        let fifo = scratch.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Opened without blocking (nobody writes to it) and refused.
        #expect(refusal(settings(ca: fifo))?.reason == "not a regular file")
    }

    @Test func anotherKiosksKeyDoesNotGoWithTheCertificate() throws {
        let error = try #require(refusal(settings(key: harness.pki.appendingPathComponent("unregistered.key").path)))
        #expect(error.key == "central.client_key" && error.reason.contains("does not go with the certificate"), "\(error)")
    }
}
