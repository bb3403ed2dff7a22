#if canImport(Glibc)
import Glibc
#endif
import EnrollCore
import Foundation
import Store
import Sync
import TestSupport
import Testing
import Trust

/// What the central operator does with the receiver: revoke a kiosk, replace a kiosk's TLS
/// key, see refusals in the log; and what the receiver refuses to do by default.
@Suite(.serialized, .enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct IngestOperationsTests {
    /// A revoked kiosk (stolen, say) is refused on its next request, and the log names the
    /// refusal with the certificate's key hash, never a record's content.
    @Test func aRevokedKioskIsForbiddenAndTheRefusalIsLogged() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        let fixture = try SyncFixture(harness: harness, records: 3)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        let listed = try harness.run(["list", "--devices", harness.devices.path, "--database", harness.database.path])
        #expect(listed.0 == 0 && listed.1.contains("kiosk") && listed.1.contains("1 kiosk registered"), "\(listed)")

        let revoked = try harness.run(["revoke", "--devices", harness.devices.path, "--label", "kiosk"])
        #expect(revoked.0 == 0 && revoked.1.contains("revoked device"), "\(revoked)")
        let uploader = try fixture.uploader(fixture.settings())
        let failed = await SyncFixture.run(uploader, timeout: .seconds(60)) { await uploader.summary().lastError != nil }
        #expect(failed)
        #expect(await uploader.summary().lastError?.contains("HTTP 403") == true)
        #expect(fixture.backlog == 3)
        let log = (harness.server?.stdout ?? "") + (harness.server?.stderr ?? "")
        #expect(log.contains("refused a client") && log.contains("client_key_sha256"), "\(log)")

        let again = try harness.run(["revoke", "--devices", harness.devices.path, "--label", "kiosk"])
        #expect(again.0 != 0 && again.2.contains("no registration matches"), "\(again)")
    }

    /// A person's erasure request carried out while the receiver runs: the record named by
    /// its id is erased, a second time says so, an unknown or malformed id is an error.
    @Test func aRecordIsErasedByItsID() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        let fixture = try SyncFixture(harness: harness, records: 3)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        let uploader = try fixture.uploader(fixture.settings())
        #expect(await SyncFixture.run(uploader, timeout: .seconds(60)) { fixture.backlog == 0 })
        let second = try RecordEnvelope(decoding: try #require(try fixture.store.envelopes(from: 2, limit: 1).first).envelope).recordID
        let base = ["erase", "--database", harness.database.path]
        let erased = try harness.run(base + ["--devices", harness.devices.path, second.description])
        #expect(erased.0 == 0 && erased.1.contains("\(second): erased (kiosk kiosk, sequence 2)"), "\(erased)")
        let again = try harness.run(base + [second.description])
        #expect(again.0 == 0 && again.1.contains("already erased"), "\(again)")
        let unknown = RecordID(unixMilliseconds: 1_780_000_000_000).description
        let missing = try harness.run(base + [second.description, unknown])
        #expect(missing.0 == 1 && missing.1.contains("\(unknown): not held here"), "\(missing)")
        for bad in ["", "not-an-id", String(repeating: "f", count: 36), second.description + "0", "../../etc/passwd"] {
            let refused = try harness.run(base + [bad])
            #expect(refused.0 != 0 && refused.2.contains("is not a record id"), "\(bad): \(refused)")
        }
        #expect(try await fixture.serverRecords().map(\.sequence) == [1, 2, 3], "the chain keeps its places")
    }

    /// Registering a key that is there already is refused, unless it replaces the old line:
    /// a kiosk given a new TLS certificate key loses the old one.
    @Test func registeringTwiceNeedsReplace() async throws {
        let harness = try IngestHarness()
        let key = Hex.encode(DeviceKey().publicKey)
        let base = ["register", "--devices", harness.devices.path, "--device-key", key]
        let first = try harness.run(base + ["--client-certificate", harness.pki.appendingPathComponent("kiosk.pem").path, "--label", "north"])
        #expect(first.0 == 0, "\(first)")
        let second = base + ["--client-certificate", harness.pki.appendingPathComponent("unregistered.pem").path, "--label", "north"]
        let refused = try harness.run(second)
        #expect(refused.0 != 0 && refused.2.contains("--replace"), "\(refused)")
        let replaced = try harness.run(second + ["--replace"])
        #expect(replaced.0 == 0 && replaced.1.contains("replaced device"), "\(replaced)")
        let text = try String(contentsOf: harness.devices, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 1)
    }

    /// A client that connects and says nothing is closed after the idle limit, instead of
    /// holding one of the receiver's file descriptors for ever.
    @Test func aSilentConnectionIsClosed() async throws {
        let harness = try IngestHarness()
        harness.serveArguments = ["--idle-timeout-seconds", "1"]
        try await harness.start()
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(harness.port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        // A generous bound against a 1 s limit: the point is that it closes at all.
        var wait = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var byte: UInt8 = 0
        #expect(recv(fd, &byte, 1, 0) == 0, "the receiver kept a silent connection open")
    }

    /// Without a key to open records the receiver would receipt records nobody can read
    /// (a kiosk sealing to a wrong key); it starts that way only when told to knowingly.
    @Test func serveNeedsAnOpenKeyOrAnExplicitNoOpenCheck() throws {
        let harness = try IngestHarness()
        let arguments = [
            "serve", "--port", "0", "--certificate", harness.pki.appendingPathComponent("server.pem").path,
            "--key", harness.pki.appendingPathComponent("server.key").path, "--client-ca", harness.pki.appendingPathComponent("ca.pem").path,
            "--devices", harness.devices.path, "--receipt-key", harness.keys.appendingPathComponent("receipt.key").path,
        ]
        let refused = try harness.run(arguments)
        #expect(refused.0 != 0 && refused.2.contains("--open-key"), "\(refused)")
    }
}

