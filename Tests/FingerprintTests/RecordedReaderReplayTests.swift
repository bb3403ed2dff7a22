import EnrollCore
import EventLog
import Foundation
import Imaging
import Testing
import TestSupport

/// Real USB readers recorded by the libfprint project, replayed by umockdev: the real
/// driver code runs against the recorded traffic inside the real daemon, and
/// `enrollctl reader test --save` must write exactly the image libfprint made when the
/// session was recorded (`capture.png`), pixel for pixel.
@Suite(.serialized) struct RecordedReaderReplayTests {
    static let recordings = ["aes3500", "vfs301", "vfs7552", "nb1010", "vfs5011", "vfs0050", "elan", "egis0570", "upektc_img"]
    static let umockdev = ["/usr/bin/umockdev-run", "/usr/local/bin/umockdev-run"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: SharedFixtures.exists(SharedFixtures.recordings), "needs ../shared/fixtures/libfprint-recordings"),
          .enabled(if: umockdev != nil, "needs umockdev-run (Debian package umockdev)"),
          arguments: recordings)
    func captureThroughTheDaemonEqualsTheRecordedImage(_ name: String) async throws {
        let recording = SharedFixtures.root.appendingPathComponent("\(SharedFixtures.recordings)/\(name)")
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let replay = try await Self.startDaemon(replaying: recording, in: folder)
        let (daemon, socket) = (replay.daemon, replay.socket)
        defer { daemon.signal(SIGTERM) }

        let saved = folder.appendingPathComponent("capture.png").path
        let (status, output, errors) = try RunningProcess.run(
            BuiltProducts.executable("enrollctl"), ["reader", "test", "--socket", socket, "--save", saved], folder: folder)
        try #require(status == 0, "enrollctl reader test failed: \(output) \(errors)\ndaemon: \(daemon.stderr)")
        #expect(output.contains("Driver:   \(name)"))

        let ours = try PNG.decode(Array(try Data(contentsOf: URL(fileURLWithPath: saved))))
        let recorded = try PNG.decode(Array(try Data(contentsOf: recording.appendingPathComponent("capture.png"))))
        #expect(recorded.isGray, "capture.png of \(name) is not gray")
        #expect(ours.width == recorded.width && ours.height == recorded.height,
                "\(name): \(ours.width)×\(ours.height), recorded \(recorded.width)×\(recorded.height)")
        let differing = zip(ours.gray().pixels, recorded.gray().pixels).filter { $0 != $1 }.count
        #expect(differing == 0, "\(name): \(differing) pixels differ from capture.png")
        daemon.signal(SIGTERM)
        _ = await daemon.waitForExit(timeout: .seconds(5))
    }

    /// `enrollctl reader reset` on a replayed USB reader: the daemon finds the reader's bus
    /// and address through libfprint's USB device, closes it, resets the port through the
    /// real libusb (umockdev emulates the usbfs reset) and opens it again; the reader then
    /// still captures the recorded image exactly.
    @Test(.enabled(if: SharedFixtures.exists(SharedFixtures.recordings), "needs ../shared/fixtures/libfprint-recordings"),
          .enabled(if: umockdev != nil, "needs umockdev-run (Debian package umockdev)"))
    func technicianResetClosesResetsAndReopensTheReader() async throws {
        let recording = SharedFixtures.root.appendingPathComponent("\(SharedFixtures.recordings)/aes3500")
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let replay = try await Self.startDaemon(replaying: recording, in: folder)
        let (daemon, socket) = (replay.daemon, replay.socket)
        defer { daemon.signal(SIGTERM) }

        let (status, output, errors) = try RunningProcess.run(
            BuiltProducts.executable("enrollctl"), ["reader", "reset", "--socket", socket], folder: folder)
        try #require(status == 0, "enrollctl reader reset failed: \(output) \(errors)\ndaemon: \(daemon.stderr)")
        // The device file of the recording is /dev/bus/usb/003/004.
        #expect(output.contains("USB:      bus 003 device 004"), "\(output)")
        #expect(output.contains("health ready"), "\(output)")
        #expect(daemon.stderr.contains("message.id=\(CatalogEvent.readerResetting.messageID)"), "\(daemon.stderr)")
        #expect(daemon.stderr.contains("message.id=\(CatalogEvent.readerRecovered.messageID)"), "\(daemon.stderr)")

        let saved = folder.appendingPathComponent("after-reset.png").path
        let (testStatus, testOutput, testErrors) = try RunningProcess.run(
            BuiltProducts.executable("enrollctl"), ["reader", "test", "--socket", socket, "--save", saved], folder: folder)
        try #require(testStatus == 0, "the reader did not capture after the reset: \(testOutput) \(testErrors)")
        let ours = try PNG.decode(Array(try Data(contentsOf: URL(fileURLWithPath: saved))))
        let recorded = try PNG.decode(Array(try Data(contentsOf: recording.appendingPathComponent("capture.png"))))
        #expect(ours.gray().pixels == recorded.gray().pixels, "the capture after the reset differs from capture.png")
    }

    /// A daemon replaying a recording, its API socket, and the notify socket it reports to.
    struct Replay {
        let daemon: RunningProcess
        let socket: String
        let notify: DatagramListener
    }

    /// `enrolld` under umockdev-run replaying `recording` (its `capture.ioctl`, or else its
    /// `capture.pcapng`), started and READY.
    static func startDaemon(replaying recording: URL, in folder: URL) async throws -> Replay {
        let description = try String(contentsOf: recording.appendingPathComponent("device"), encoding: .utf8)
        let lines = description.split(separator: "\n")
        // The reader is the first device in the file; its parents follow.
        let devname = try #require(lines.first { $0.hasPrefix("E: DEVNAME=") }).dropFirst("E: DEVNAME=".count)
        let syspath = "/sys" + (try #require(lines.first { $0.hasPrefix("P: ") }).dropFirst(3))
        let ioctl = recording.appendingPathComponent("capture.ioctl")
        let replay = FileManager.default.fileExists(atPath: ioctl.path)
            ? ["-i", "\(devname)=\(ioctl.path)"]
            : ["-p", "\(syspath)=\(recording.appendingPathComponent("capture.pcapng").path)"]
        let notify = try DatagramListener(path: folder.appendingPathComponent("notify").path)
        let config = try TestDaemonConfiguration.write(in: folder, extra: "fingerprint: {finger_timeout_seconds: 20}")
        // elan and vfs0050 need libfprint's emulation mode to replay (the fixtures' README).
        let daemon = try RunningProcess(
            try #require(umockdev),
            ["-d", recording.appendingPathComponent("device").path] + replay + ["--", BuiltProducts.executable("enrolld"), "--config", config.path],
            environment: ["FP_DEVICE_EMULATION": "1", "NOTIFY_SOCKET": notify.path], folder: folder)
        let ready = await notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } }
        if !ready { daemon.signal(SIGTERM) }
        try #require(ready, "the daemon did not start under umockdev: \(daemon.stderr)")
        return Replay(daemon: daemon, socket: folder.appendingPathComponent("run/api.sock").path, notify: notify)
    }
}
