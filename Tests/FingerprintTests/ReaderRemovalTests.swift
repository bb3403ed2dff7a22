import EnrollCore
import EventLog
@testable import Fingerprint
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import TestSupport
import Testing

/// Unplugging, with libfprint's `virtual_device` driver (its UNPLUG command removes the
/// device the way a USB unplug does), and the thermal cut-off through its ERROR command,
/// cooling and back to work.
extension VirtualImageReaderTests {
    static let deviceSocket = "/tmp/enrolld-vd-\(getpid()).sock"

    /// One command per connection, as the driver reads them. Returns once the driver has
    /// taken it: libfprint's listener closes the previous connection when a new one comes,
    /// so a command sent before the driver read the last one would be dropped without a
    /// word. The driver closes a connection itself only after reading its command (and
    /// writing any reply), so end of file here is the receipt.
    static func command(_ text: String, socket deviceSocket: String = deviceSocket) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(deviceSocket.utf8)) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(connected == 0, "cannot connect to the virtual_device socket")
        let bytes = Array(text.utf8)
        try #require(bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count)
        try #require(waitForClose(fd, limit: .seconds(10)), "the driver never took \"\(text)\"")
    }

    /// Reads (and drops any reply) until the peer closes `fd`, or `limit` passes: false then.
    private static func waitForClose(_ fd: Int32, limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        var buffer = [UInt8](repeating: 0, count: 256)
        while case let left = deadline - ContinuousClock.now, left > .zero {
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
            let polled = poll(&ready, 1, max(milliseconds, 1))
            if polled < 0, errno == EINTR { continue }
            guard polled > 0 else { return false }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return true }
            if count < 0, errno != EINTR, errno != EAGAIN { return errno == ECONNRESET }
        }
        return false
    }

    @Test func tooHotCoolsAndRemovalMidOperationEndsItAndDropsTheReader() async throws {
        let log = KeptLog()
        // A short rest, so the reader's own "too hot" (libfprint's model never rose) ends here.
        let source = LibfprintDeviceSource(settings: .init(fingerTimeout: .seconds(10), coolDown: .seconds(2), virtualDeviceSocket: Self.deviceSocket),
                                           logger: log.logger("test.fingerprint.removal"))
        let devices = try await source.enumerate()
        try #require(devices.map(\.driver) == ["virtual_device"], "\(devices)")
        let reader = try #require(await source.readers().first)

        // The thermal cut-off: the reader reports cooling and refuses work.
        try Self.command("ERROR \(0x101)")
        await #expect(throws: ReaderError.tooHot()) {
            for try await _ in await reader.enroll(finger: .leftIndex) {}
        }
        #expect(await reader.health == .cooling)
        #expect(log.messages(withID: CatalogEvent.readerTooHot.messageID).count == 1, "the journal tells the technician why")
        await #expect(throws: ReaderError.tooHot()) { _ = try await reader.capture() }
        // libfprint's own temperature never rose, so no notify ends the cooling: the rest does.
        let deadline = ContinuousClock.now + .seconds(20)
        while await reader.health == .cooling, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(await reader.health == .ready, "the reader came back after its rest")
        let cooled = log.messages(withID: CatalogEvent.readerCooledDown.messageID)
        #expect(cooled.count == 1 && cooled[0].contains("rested"), "\(cooled)")

        let enroll = Task {
            var events: [EnrollEvent] = []
            for try await event in await reader.enroll(finger: .leftIndex) { events.append(event) }
            return events
        }
        try await VirtualReader.waitForFingerNeeded(reader)  // the driver now waits for SCAN commands
        try Self.command("UNPLUG")
        await #expect(throws: ReaderError.removed()) { _ = try await enroll.value }
        #expect(await reader.health == .removed)

        // The registry hears of it once the device is closed.
        let removed = await withTaskGroup(of: String?.self) { group in
            group.addTask {
                for await change in source.changes() { if case .removed(let id) = change { return id } }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(5))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        #expect(removed == reader.identity.registryID)
        #expect(await source.readers().isEmpty)
        await #expect(throws: ReaderError.removed()) { _ = try await reader.capture() }
    }
}
