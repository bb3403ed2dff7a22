#if canImport(Glibc)
import Glibc
#endif
import EnrollCore
import Fingerprint
import Foundation
import Imaging
import Logging
import TestSupport
import Testing

/// The test process's one libfprint `virtual_image` reader. libfprint reads the
/// environment at its first enumeration and the driver keeps one client, so the whole
/// process shares one source, one reader and one feeder; the suites using it are serialized.
enum VirtualReader {
    /// Short: `sun_path` holds at most 107 bytes.
    static let socket = "/tmp/enrolld-fp-\(getpid()).sock"
    /// Short, so the "finger never presented" test is quick; re-armed on every stage.
    static let fingerTimeout: Duration = .seconds(4)
    /// Everything the shared reader logs.
    static let log = KeptLog()
    static let source = LibfprintDeviceSource(
        settings: .init(fingerTimeout: fingerTimeout, virtualImageSocket: socket), logger: log.logger("test.fingerprint"))

    private static let shared = Shared()

    /// The open reader and a connected feeder.
    static func reader() async throws -> (LibfprintReader, VirtualImageFeeder) {
        try await shared.get()
    }

    private actor Shared {
        var value: (LibfprintReader, VirtualImageFeeder)?

        func get() async throws -> (LibfprintReader, VirtualImageFeeder) {
            if let value { return value }
            let devices = try await source.enumerate()
            try #require(devices.count == 1, "expected the one virtual_image reader, found \(devices)")
            let reader = try #require(await source.readers().first)
            let feeder = try VirtualImageFeeder(socketPath: socket)
            value = (reader, feeder)
            return (reader, feeder)
        }
    }

    /// Waits (up to 5 s) until the reader asks for a finger, then presents `image`.
    static func present(_ image: FingerprintImage, on reader: LibfprintReader, feeder: VirtualImageFeeder) async throws {
        try await waitForFingerNeeded(reader)
        try feeder.present(image)
    }

    static func waitForFingerNeeded(_ reader: LibfprintReader) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while await !reader.isWaitingForFinger {
            try #require(ContinuousClock.now < deadline, "the reader never asked for a finger")
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Enrolls with `images` (one per stage), presenting each when asked; returns the events.
    static func enroll(_ images: [FingerprintImage], reader: LibfprintReader, feeder: VirtualImageFeeder,
                       finger: FingerPosition = .rightIndex) async throws -> (FingerprintTemplate, [EnrollEvent]) {
        var events: [EnrollEvent] = []
        var next = images.makeIterator()
        let stream = await reader.enroll(finger: finger)
        // The first image goes when the reader first asks; later ones after each stage.
        try await present(try #require(next.next()), on: reader, feeder: feeder)
        for try await event in stream {
            events.append(event)
            switch event {
            case .stagePassed(let completed, let total) where completed < total:
                try await present(try #require(next.next(), "ran out of images"), on: reader, feeder: feeder)
            case .completed(let template):
                return (template, events)
            default:
                break
            }
        }
        Issue.record("the enrollment stream ended without a template")
        throw CancellationError()
    }

    static let synthetic = SyntheticFingerprint()
}
