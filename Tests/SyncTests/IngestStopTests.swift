import EnrollCore
import Foundation
import Ingest
import Store
import Sync
import Synchronization
import TestSupport
import Testing
import Trust

/// `enroll-ingest serve` stopped with SIGTERM while a kiosk is connected: it exits cleanly
/// with an idle keep-alive connection open (the kiosk's own HTTP client after an upload),
/// and a batch still being received is stored and answered before the receiver exits.
/// How fast it stops (the TLS layer used to wait 5 s for the kiosk's close_notify) is a
/// speed figure, measured by `scripts/bench-stop-ingest` (README, "Measured"), not here:
/// a timed assertion fails on a loaded machine without anything being wrong.
@Suite(.enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI and as a TLS client"))
struct IngestStopTests {

    @Test func anIdleKioskConnectionDoesNotHoldTheStop() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        let fixture = try SyncFixture(harness: harness, records: 3)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        let transport = try HTTPIngestTransport(settings: fixture.settings())
        let answer = try await transport.post(batch: RecordBatch.encode(try fixture.store.envelopes(from: 1, limit: 3).map(\.envelope)))
        #expect(answer.status == 200, "\(answer)")
        let server = try #require(harness.server)
        server.signal(SIGTERM)
        let exited = await server.waitForExit(timeout: .seconds(60))
        await transport.shutdown()
        #expect(exited && server.process.terminationStatus == 0, "\(server.stderr)")
    }

    @Test func aBatchInFlightAtSIGTERMIsStoredAndAnsweredBeforeTheExit() async throws {
        let harness = try IngestHarness()
        try await harness.start()
        let fixture = try SyncFixture(harness: harness, records: 3)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        let body = RecordBatch.encode(try fixture.store.envelopes(from: 1, limit: 3).map(\.envelope))
        let pki = harness.pki.path
        // The real openssl client as the kiosk, so the body can be sent in two halves.
        let client = Process()
        client.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        client.arguments = ["s_client", "-connect", "127.0.0.1:\(harness.port)", "-cert", pki + "/kiosk.pem", "-key", pki + "/kiosk.key",
                            "-CAfile", pki + "/ca.pem", "-quiet", "-nocommands"]
        let input = Pipe(), output = Pipe()
        client.standardInput = input
        client.standardOutput = output
        client.standardError = FileHandle.nullDevice
        let received = Mutex<[UInt8]>([])
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            received.withLock { $0 += Array(data) }
        }
        try client.run()
        defer {
            output.fileHandleForReading.readabilityHandler = nil
            if client.isRunning { client.terminate() }
        }
        func answers() -> String { String(decoding: received.withLock { $0 }, as: UTF8.self) }
        // A complete first request on the same connection, answered, before anything else:
        // on a loaded machine the client's start and handshake can take seconds, and a stop
        // before the receiver holds the connection would test nothing.
        let deviceID = Hex.encode(fixture.deviceKey.deviceID)
        try input.fileHandleForWriting.write(contentsOf: Data("GET /v1/devices/\(deviceID)/head HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8))
        let connected = ContinuousClock.now + .seconds(120)
        while !answers().contains("HTTP/1.1 200"), ContinuousClock.now < connected { try await Task.sleep(for: .milliseconds(50)) }
        try #require(answers().contains("HTTP/1.1 200"), "the receiver answered the first request: \(answers())")

        let head = "POST /v1/records HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: \(RecordBatch.mediaType)\r\nContent-Length: \(body.count)\r\n\r\n"
        try input.fileHandleForWriting.write(contentsOf: Data(head.utf8) + Data(body.prefix(body.count / 2)))
        // The connection is served; the half batch needs only to cross loopback.
        try await Task.sleep(for: .seconds(1))
        let server = try #require(harness.server)
        server.signal(SIGTERM)
        try await Task.sleep(for: .milliseconds(500))
        #expect(server.process.isRunning, "the receiver waits for the request it is reading")
        // Throwing, not trapping: a receiver that left early is a failed expectation.
        try? input.fileHandleForWriting.write(contentsOf: Data(body.dropFirst(body.count / 2)))
        let exited = await server.waitForExit(timeout: .seconds(60))
        #expect(exited && server.process.terminationStatus == 0, "\(server.stderr)")

        // openssl ends when the receiver closes the connection; the second answer is the batch's.
        let deadline = ContinuousClock.now + .seconds(30)
        while client.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if client.isRunning { client.terminate() }
        try await Task.sleep(for: .milliseconds(100))
        let answer = answers()
        #expect(answer.components(separatedBy: "HTTP/1.1 200").count == 3, "two answers: \(answer)")
        #expect(answer.components(separatedBy: "\"stored\"").count == 4, "three receipts: \(answer)")
        #expect(try await fixture.serverRecords().map(\.sequence) == [1, 2, 3], "stored before the exit")
    }
}
