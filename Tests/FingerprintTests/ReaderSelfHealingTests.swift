import EnrollCore
import EventLog
@testable import Fingerprint
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import TestSupport
import Testing

/// Self-healing: three device failures in a row make a USB reader close, reset its port and
/// open again, without anyone asking. libfprint's `virtual_device` injects the failures (its
/// ERROR command); it is not on USB, so it is given a location and a `FakeUSBReset` stands
/// in for libusb (the real libusb reset of a replayed USB reader is tested in
/// RecordedReaderReplayTests). Everything else is the real reader: libfprint's close and
/// open, the health it reports, the journal entries.
extension VirtualImageReaderTests {
    /// One socket per test: each test opens a libfprint context and reader of its own.
    static func healingSocket(_ test: Int) -> String { "/tmp/enrolld-vh\(test)-\(getpid()).sock" }

    /// A `virtual_device` reader of its own on `socket`, posing as a USB reader at `port`.
    static func usbReader(socket: String, port: USBLocation, reset: FakeUSBReset) async throws
        -> (LibfprintDeviceSource, LibfprintReader, KeptLog) {
        let log = KeptLog()
        let source = LibfprintDeviceSource(settings: .init(fingerTimeout: .seconds(10), virtualDeviceSocket: socket),
                                           logger: log.logger("test.fingerprint.healing"))
        _ = try await source.enumerate()
        let reader = try #require(await source.readers().first)
        await reader.pretendOnUSB(at: port, resetBy: reset)
        return (source, reader, log)
    }

    @Test func aReaderThatKeepsFailingIsResetAndWorksAgain() async throws {
        let socket = Self.healingSocket(1)
        let port = USBLocation(bus: 3, address: 7)
        let reset = FakeUSBReset(succeeds: true)
        let (source, reader, log) = try await Self.usbReader(socket: socket, port: port, reset: reset)

        try await Self.failThreeTimes(reader, socket: socket)
        try await Self.waitWhileBusy(reader)
        #expect(await reader.health == .ready, "the reset brought the reader back")
        #expect(reset.locations == [port], "one reset, at the reader's own port")
        #expect(log.messages(withID: CatalogEvent.readerResetting.messageID).count == 1)
        let recovered = log.messages(withID: CatalogEvent.readerRecovered.messageID)
        #expect(recovered.count == 1 && recovered[0].contains("bus 003 device 007"), "\(recovered)")
        #expect(log.messages(withID: CatalogEvent.readerFailed.messageID).isEmpty)

        // Reopened for real: a whole enrollment runs through libfprint again.
        let stream = await reader.enroll(finger: .rightThumb)
        try await VirtualReader.waitForFingerNeeded(reader)
        try Self.command("SCAN healed", socket: socket)
        var completed = false
        for try await event in stream {
            switch event {
            case .stagePassed(let done, let total) where done < total:
                try Self.command("SCAN healed", socket: socket)
            case .completed:
                completed = true
            default:
                break
            }
        }
        #expect(completed)
        #expect(await reader.health == .ready)
        await source.stop()
    }

    @Test func aResetThatDoesNotHelpLeavesTheReaderFailedAndSaysWhy() async throws {
        let socket = Self.healingSocket(2)
        let reset = FakeUSBReset(succeeds: false)
        let (source, reader, log) = try await Self.usbReader(socket: socket, port: USBLocation(bus: 1, address: 2), reset: reset)

        try await Self.failThreeTimes(reader, socket: socket)
        try await Self.waitWhileBusy(reader)
        #expect(await reader.health == .failed)
        #expect(reset.locations.count == 1)
        let failed = log.messages(withID: CatalogEvent.readerFailed.messageID)
        #expect(failed.count == 1 && failed[0].contains("a USB reset did not help"), "\(failed)")
        #expect(log.messages(withID: CatalogEvent.readerRecovered.messageID).isEmpty)
        await #expect(throws: ReaderError.device("")) { _ = try await reader.capture() }
        await source.stop()
    }

    /// Three enrollments ended by a protocol error from the device.
    static func failThreeTimes(_ reader: LibfprintReader, socket: String) async throws {
        for attempt in 1...LibfprintReader.failuresBeforeFailed {
            try await waitUntilReady(reader)
            let enroll = Task { for try await _ in await reader.enroll(finger: .rightThumb) {} }
            try await VirtualReader.waitForFingerNeeded(reader)
            try command("ERROR \(LibfprintCode.errorProto)", socket: socket)
            let outcome = await enroll.result
            #expect(throws: ReaderError.device("")) { try outcome.get() }
            if attempt < LibfprintReader.failuresBeforeFailed { #expect(await reader.health == .ready) }
        }
    }

    static func waitUntilReady(_ reader: LibfprintReader) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while case let health = await reader.health, health != .ready {
            try #require(ContinuousClock.now < deadline, "the reader stayed \(health)")
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The reset runs after the failing operation has ended; the reader is busy meanwhile.
    static func waitWhileBusy(_ reader: LibfprintReader) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while await reader.health == .busy {
            try #require(ContinuousClock.now < deadline, "the reset never finished")
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// Stands in for libusb's port reset on a reader that is not on USB; remembers where it
/// was asked to reset and succeeds or fails as told.
final class FakeUSBReset: USBResetting {
    private let succeeds: Bool
    private let asked = Mutex<[USBLocation]>([])

    init(succeeds: Bool) { self.succeeds = succeeds }

    var locations: [USBLocation] { asked.withLock { $0 } }

    func reset(_ location: USBLocation) async throws(USBResetError) {
        asked.withLock { $0.append(location) }
        if !succeeds { throw USBResetError("the port did not come back (FakeUSBReset)") }
    }
}

extension LibfprintReader {
    /// Tests: make a virtual reader behave as one on USB at `location`, reset by `reset`.
    func pretendOnUSB(at location: USBLocation, resetBy reset: any USBResetting) {
        resetLocation = location
        usbReset = reset
    }
}
