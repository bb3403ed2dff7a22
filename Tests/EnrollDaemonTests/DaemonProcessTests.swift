import EventLog
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Systemd
import Testing
import TestSupport

/// The real `enrolld` and `enrollctl` executables, with sockets standing in for systemd's
/// notify socket and journald.
@Suite(.serialized) struct DaemonProcessTests {
    struct Kiosk {
        let folder: URL
        let config: URL
        let port: Int
        let notify: DatagramListener
        let journal: DatagramListener
        var socket: String { folder.appendingPathComponent("run/api.sock").path }

        init(extra: String = "", api: String = "") throws {
            folder = try BuiltProducts.temporaryFolder()
            port = try freePort()
            notify = try DatagramListener(path: folder.appendingPathComponent("notify").path)
            journal = try DatagramListener(path: folder.appendingPathComponent("journal").path)
            config = folder.appendingPathComponent("enrolld.yaml")
            try """
            version: 1
            daemon: {state_directory: state, runtime_directory: run, shutdown_timeout_seconds: 4}
            api: {socket: run/api.sock, socket_group: "", http_port: \(port)\(api)}
            logging: {target: journal, journal_socket: journal, level: info}
            \(extra)
            """.write(to: config, atomically: true, encoding: .utf8)
        }

        func start(watchdogMicroseconds: Int = 300_000) throws -> RunningProcess {
            try RunningProcess(BuiltProducts.executable("enrolld"), ["--config", config.path], environment: [
                "NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "\(watchdogMicroseconds)",
            ], folder: folder)
        }

        func journalEntries() -> [JournalEntry] { journal.datagrams.compactMap(JournalEntry.init(parsing:)) }

        func entries(_ event: CatalogEvent) -> [JournalEntry] {
            journalEntries().filter { $0["MESSAGE_ID"] == event.messageID }
        }
    }

    @Test func startReadyStatusWatchdogAndGracefulStop() async throws {
        let kiosk = try Kiosk()
        let daemon = try kiosk.start()

        let ready = await kiosk.notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } }
        try #require(ready, "no READY=1; stderr: \(daemon.stderr)")
        let readyMessage = try #require(kiosk.notify.messages.first { $0.hasPrefix("READY=1") })
        #expect(readyMessage.contains("\nSTATUS=Ready: API on \(kiosk.socket)"))

        let (status, output, errors) = try RunningProcess.run(
            BuiltProducts.executable("enrollctl"), ["status", "--socket", kiosk.socket], folder: kiosk.folder)
        #expect(status == 0, "enrollctl status failed: \(errors)")
        #expect(output.hasPrefix("enrolld 0.1.0: ready, up "))
        #expect(output.contains("Devices: 0 reader(s), 0 camera(s)"))
        #expect(output.contains("Queue:   0 record(s), 0 B"))
        #expect(output.contains("Session: none open"))

        let devices = try RunningProcess.run(
            BuiltProducts.executable("enrollctl"), ["devices", "--socket", kiosk.socket], folder: kiosk.folder)
        #expect(devices.0 == 0 && devices.1 == "No fingerprint readers or cameras.\n")
        let devicesJSON = try RunningProcess.run(
            BuiltProducts.executable("enrollctl"), ["devices", "--json", "--socket", kiosk.socket], folder: kiosk.folder)
        #expect(devicesJSON.1 == "{\"devices\":[]}\n")

        let (jsonStatus, json, _) = try RunningProcess.run(
            BuiltProducts.executable("enrollctl"), ["status", "--json", "--socket", kiosk.socket], folder: kiosk.folder)
        #expect(jsonStatus == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object?["phase"] as? String == "ready")
        #expect(object?["devices"] as? [Any] != nil)

        let metrics = try await httpGet(port: kiosk.port, path: "/metrics")
        #expect(metrics.contains("process_resident_memory_bytes "))
        #expect(metrics.contains("hb_requests"))
        #expect(metrics.contains("enrolld_build_info{version=\"0.1.0\"} 1"))
        #expect(metrics.contains("enrolld_gallery_entries 0"))
        #expect(metrics.contains("enrolld_devices{kind=\"fingerprint_reader\",health=\"ready\"} 0"))
        // Queue and sync state, read by a service at start: empty queue, refusing (this kiosk
        // has no central keys), never synced.
        var queueMetrics = metrics
        let deadline = ContinuousClock.now + .seconds(10)
        while !queueMetrics.contains("enrolld_sync_backing_off"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            queueMetrics = try await httpGet(port: kiosk.port, path: "/metrics")
        }
        for line in ["enrolld_queue_records 0", "enrolld_queue_bytes 0", "enrolld_queue_oldest_unsynced_seconds 0",
                     "enrolld_accepting_enrollments 0", "enrolld_sync_last_success_timestamp_seconds 0", "enrolld_sync_backing_off 0",
                     "enrolld_queue_fill_ratio 0"] {
            #expect(queueMetrics.contains("\n\(line)"), "\(line) missing from /metrics")
        }

        let pinged = await kiosk.notify.wait(timeout: .seconds(10)) { $0.filter { $0 == "WATCHDOG=1" }.count >= 3 }
        #expect(pinged, "fewer than 3 watchdog pings: \(kiosk.notify.messages)")

        let started = try #require(kiosk.entries(.daemonStarted).first, "no start entry in \(kiosk.journalEntries().map(\.fields))")
        #expect(started["PRIORITY"] == "5")
        #expect(started["SYSLOG_IDENTIFIER"] == "enrolld")
        #expect(started["MESSAGE"]?.contains("kiosk UI on http://127.0.0.1:\(kiosk.port)/") == true)

        let stopAsked = ContinuousClock.now
        daemon.signal(SIGTERM)
        let exited = await daemon.waitForExit(timeout: .seconds(5))
        #expect(exited, "still running 5 s after SIGTERM")
        #expect(ContinuousClock.now - stopAsked < .seconds(5))
        #expect(daemon.process.terminationStatus == 0, "exit status; stderr: \(daemon.stderr)")
        #expect(kiosk.notify.messages.contains { $0.hasPrefix("STOPPING=1") })
        #expect(await kiosk.journal.wait(timeout: .seconds(2)) { _ in !kiosk.entries(.daemonStopped).isEmpty })
        #expect(!kiosk.entries(.daemonStopping).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: kiosk.socket), "the API socket outlived the daemon")
        // A clean start and stop writes no error: `journalctl -p err` must show only real ones.
        // (This test kiosk has no kiosk UI folder, a real error here; and its 0.3 s watchdog
        // may really stall on a loaded machine.)
        let expected = [CatalogEvent.kioskUnavailable.messageID, CatalogEvent.watchdogStalled.messageID]
        let errorEntries = kiosk.journalEntries().filter {
            ($0["PRIORITY"].flatMap { Int($0) } ?? 7) <= 3 && !expected.contains($0["MESSAGE_ID"] ?? "")
        }
        #expect(errorEntries.isEmpty, "\(errorEntries.map { $0["MESSAGE"] ?? "" })")
    }

    /// A kiosk browser keeps its connection open; stopping with it open is still a clean
    /// stop, with no uncatalogued error in the journal. (Hummingbird's shutdown errors seen
    /// with a browser's open event streams are demoted by ServerLogFilter, tested on its own.)
    @Test func aStopWithAKeptAliveConnectionLogsNoError() async throws {
        let kiosk = try Kiosk()
        let daemon = try kiosk.start()
        try #require(await kiosk.notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } })
        let connection = try KeptAliveConnection(port: kiosk.port)
        defer { connection.close() }
        #expect(try connection.get("/v1/status").hasPrefix("HTTP/1.1 200"))
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(10)))
        #expect(daemon.process.terminationStatus == 0)
        _ = await kiosk.journal.wait(timeout: .seconds(2)) { _ in !kiosk.entries(.daemonStopped).isEmpty }
        let noise = kiosk.journalEntries().filter {
            ($0["PRIORITY"].flatMap { Int($0) } ?? 7) <= 3 && $0["MESSAGE_ID"] == nil
        }
        #expect(noise.isEmpty, "\(noise.map { $0["MESSAGE"] ?? "" })")
    }

    /// Half-sent requests and idle kept-alive connections are closed after
    /// `api.idle_timeout_seconds`: a local process cannot hold the daemon's descriptors.
    @Test func idleAndHalfSentConnectionsAreClosed() async throws {
        let kiosk = try Kiosk(api: ", idle_timeout_seconds: 1")
        let daemon = try kiosk.start()
        try #require(await kiosk.notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } })
        let idle = try KeptAliveConnection(port: kiosk.port)
        defer { idle.close() }
        #expect(try idle.get("/v1/status").hasPrefix("HTTP/1.1 200"))
        let halfSent = try KeptAliveConnection(port: kiosk.port)
        defer { halfSent.close() }
        try halfSent.send("GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        #expect(halfSent.waitForClose(within: .seconds(10)), "a half-sent request kept its connection")
        #expect(idle.waitForClose(within: .seconds(10)), "an idle connection was kept")
        daemon.signal(SIGTERM)
        _ = await daemon.waitForExit(timeout: .seconds(5))
    }

    /// `api.max_connections`: beyond it a connection waits, unserved, until one closes.
    @Test func connectionsBeyondTheCapWaitUntilOneCloses() async throws {
        let kiosk = try Kiosk(api: ", idle_timeout_seconds: 600, max_connections: 8")
        let daemon = try kiosk.start()
        try #require(await kiosk.notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } })
        let held = try (0..<8).map { _ in try KeptAliveConnection(port: kiosk.port) }
        defer { held.dropFirst().forEach { $0.close() } }  // the first is closed below
        for connection in held { #expect(try connection.get("/v1/status").hasPrefix("HTTP/1.1 200")) }
        let waiting = try KeptAliveConnection(port: kiosk.port)
        defer { waiting.close() }
        try waiting.send("GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(waiting.answer(within: .seconds(1)) == nil, "a ninth connection was served")
        held[0].close()
        #expect(waiting.answer(within: .seconds(10))?.hasPrefix("HTTP/1.1 200") == true, "the waiting connection was never served")
        daemon.signal(SIGTERM)
        _ = await daemon.waitForExit(timeout: .seconds(5))
    }

    @Test func sigintStopsGracefullyToo() async throws {
        let kiosk = try Kiosk()
        let daemon = try kiosk.start()
        try #require(await kiosk.notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } })
        daemon.signal(SIGINT)
        #expect(await daemon.waitForExit(timeout: .seconds(5)))
        #expect(daemon.process.terminationStatus == 0)
    }

    /// A crash must not write the person being enrolled to disk: no core dumps, even when
    /// started outside the unit (whose LimitCORE=0 the unit test checks).
    @Test func coreDumpsAreSwitchedOff() async throws {
        let kiosk = try Kiosk()
        let daemon = try kiosk.start()
        try #require(await kiosk.notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } })
        let limits = try String(contentsOfFile: "/proc/\(daemon.process.processIdentifier)/limits", encoding: .utf8)
        let core = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }
        let fields = core.map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) } ?? []
        #expect(Array(fields.dropFirst(4).prefix(2)) == ["0", "0"], "\(core ?? "no core line")")
        daemon.signal(SIGTERM)
        _ = await daemon.waitForExit(timeout: .seconds(5))
    }

    @Test func socketModeIsApplied() async throws {
        let kiosk = try Kiosk()
        let daemon = try kiosk.start()
        try #require(await kiosk.notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } })
        let attributes = try FileManager.default.attributesOfItem(atPath: kiosk.socket)
        #expect((attributes[.posixPermissions] as? Int) == 0o660)
        daemon.signal(SIGTERM)
        _ = await daemon.waitForExit(timeout: .seconds(5))
    }

    @Test func secondDaemonOnTheSameStateRefusesToStart() async throws {
        let kiosk = try Kiosk()
        let first = try kiosk.start()
        try #require(await kiosk.notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } })
        let second = try kiosk.start()
        #expect(await second.waitForExit(timeout: .seconds(20)))
        #expect(second.process.terminationStatus == 1)
        let refusal = kiosk.entries(.stateDirectoryUnavailable)
        #expect(refusal.first?["MESSAGE"]?.contains("another enrolld is running") == true)
        first.signal(SIGTERM)
        #expect(await first.waitForExit(timeout: .seconds(5)))
        #expect(first.process.terminationStatus == 0)
    }

    @Test func invalidConfigurationStopsWithExitStatus78() async throws {
        let kiosk = try Kiosk(extra: "surprise: 1")
        let daemon = try kiosk.start()
        #expect(await daemon.waitForExit(timeout: .seconds(20)))
        #expect(daemon.process.terminationStatus == 78)
        // The file's own log target cannot be trusted, so these go to stderr with priorities.
        #expect(daemon.stderr.contains("<3>enrolld: \(kiosk.config.path):5:1: surprise: unknown key"))
        #expect(daemon.stderr.contains("message.id=\(CatalogEvent.configurationInvalid.messageID)"))
    }

    @Test func checkConfigExitsZeroOrOne() throws {
        let kiosk = try Kiosk()
        let good = try RunningProcess.run(BuiltProducts.executable("enrolld"), ["--check-config", kiosk.config.path], folder: kiosk.folder)
        #expect(good.0 == 0)
        #expect(good.1 == "\(kiosk.config.path): configuration is valid\n")

        let bad = kiosk.folder.appendingPathComponent("bad.yaml")
        try "version: 1\napi:\n  http_port: 0\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try RunningProcess.run(BuiltProducts.executable("enrolld"), ["--check-config", bad.path], folder: kiosk.folder)
        #expect(refused.0 == 1)
        #expect(refused.2 == "\(bad.path):3:14: api.http_port: expected an integer from 1 to 65535, found 0\n")

        let missing = try RunningProcess.run(BuiltProducts.executable("enrolld"), ["--check-config", "/nonexistent.yaml"], folder: kiosk.folder)
        #expect(missing.0 == 1, "a mistyped path must not pass the check")
        #expect(missing.2 == "/nonexistent.yaml: no such file (enrolld --config with it refuses to start)\n")
    }

    @Test func aConfigurationFileNamedButMissingIsRefusedNotReplacedByDefaults() throws {
        let kiosk = try Kiosk()
        let typo = kiosk.folder.appendingPathComponent("enroll.yaml").path
        // Logs go to stderr here (no JOURNAL_STREAM), where the test reads them.
        let started = try RunningProcess.run(BuiltProducts.executable("enrolld"), ["--config", typo], folder: kiosk.folder)
        #expect(started.0 == 78, "\(started.2)")
        #expect(started.2.contains("\(typo) does not exist"), "\(started.2)")
    }

    @Test func enrollctlExplainsADaemonThatIsNotRunning() throws {
        let folder = try BuiltProducts.temporaryFolder()
        let (status, _, errors) = try RunningProcess.run(
            BuiltProducts.executable("enrollctl"), ["status", "--socket", folder.appendingPathComponent("none.sock").path], folder: folder)
        #expect(status == 1)
        #expect(errors.contains("enrolld is not running: nothing answers on"))
    }
}

/// A port nobody listens on now (the kernel's pick for an ephemeral bind).
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 ? getsockname(fd, $0, &length) : -1 }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}

func httpGet(port: Int, path: String) async throws -> String {
    let (data, _) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!)
    return String(decoding: data, as: UTF8.self)
}
