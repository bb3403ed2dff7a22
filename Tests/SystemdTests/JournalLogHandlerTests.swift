import Foundation
import EventLog
import Logging
import Testing
import TestSupport
@testable import Systemd

/// The handler's datagrams, received on a socket standing in for journald's.
@Suite struct JournalLogHandlerTests {
    @Test func catalogEventsArriveWithTheirFields() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        let journal = try DatagramListener(path: folder.appendingPathComponent("journal").path)
        let handler = JournalLogHandler(label: "enrolld.test", identifier: "enrolld", socketPath: journal.path, level: .info)
        let logger = Logger(label: "enrolld.test") { _ in handler }
        logger.log(.watchdogStalled, "stalled", metadata: [LogKey.device: "usb-3-1", "watchdog.stalled": "api.http"])
        logger.debug("below the level: must not arrive")

        #expect(await journal.wait(timeout: .seconds(5)) { !$0.isEmpty })
        try await Task.sleep(for: .milliseconds(100))
        let entries = journal.datagrams.compactMap(JournalEntry.init(parsing:))
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry["MESSAGE"] == "stalled")
        #expect(entry["PRIORITY"] == "2")
        #expect(entry["SYSLOG_IDENTIFIER"] == "enrolld")
        #expect(entry["MESSAGE_ID"] == CatalogEvent.watchdogStalled.messageID)
        #expect(entry["ENROLLD_DEVICE"] == "usb-3-1")
        #expect(entry["ENROLLD_WATCHDOG_STALLED"] == "api.http")
        #expect(entry["CODE_FILE"]?.hasSuffix("JournalLogHandlerTests.swift") == true)
    }
}
