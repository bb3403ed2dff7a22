import Logging
import Foundation
import Testing
@testable import Systemd

@Suite struct JournalEntryTests {
    @Test func simpleFieldsAreKeyEqualsValueLines() {
        var entry = JournalEntry()
        entry.append("MESSAGE", "reader ready")
        entry.append("PRIORITY", "6")
        #expect(String(decoding: entry.serialized(), as: UTF8.self) == "MESSAGE=reader ready\nPRIORITY=6\n")
    }

    @Test func multilineValuesCarryTheirLength() {
        var entry = JournalEntry()
        entry.append("MESSAGE", "a\nb")
        let expected: [UInt8] = Array("MESSAGE\n".utf8) + [3, 0, 0, 0, 0, 0, 0, 0] + Array("a\nb\n".utf8)
        #expect(entry.serialized() == expected)
    }

    @Test(arguments: ["", "_TRUSTED", "lower", "1DIGIT", "WITH-DASH", "ÜMLAUT", String(repeating: "A", count: 65)])
    func invalidFieldNamesAreDropped(_ name: String) {
        var entry = JournalEntry()
        entry.append(name, "x")
        #expect(entry.fields.isEmpty)
    }

    @Test func parsingInvertsSerialising() {
        var entry = JournalEntry()
        entry.append("MESSAGE", "line one\nline two")
        entry.append("ENROLLD_DEVICE", "usb-1-2")
        entry.append("MESSAGE_ID", "c614ac70725f424598a13333b43dc4ed")
        #expect(JournalEntry(parsing: entry.serialized()) == entry)
    }

    @Test(arguments: [
        Array("NOEQUALS".utf8),
        Array("MESSAGE\n".utf8) + [200, 0, 0, 0, 0, 0, 0, 0] + Array("short\n".utf8),
        Array("MESSAGE\n".utf8) + [1, 0],
        Array("MESSAGE=no newline".utf8),
    ])
    func truncatedDatagramsAreRefused(_ bytes: [UInt8]) {
        #expect(JournalEntry(parsing: bytes) == nil)
    }
}

@Suite struct JournalFieldsTests {
    @Test(arguments: [
        ("device.id", "ENROLLD_DEVICE"), ("session.id", "ENROLLD_SESSION"), ("record.id", "ENROLLD_RECORD"),
        ("watchdog.stalled", "ENROLLD_WATCHDOG_STALLED"), ("error", "ENROLLD_ERROR"), ("message.id", "MESSAGE_ID"),
        ("weird key-ä", "ENROLLD_WEIRD_KEY__"),
    ])
    func metadataKeysBecomeJournalFields(_ key: String, _ field: String) {
        #expect(JournalFields.fieldName(forMetadataKey: key) == field)
        #expect(JournalEntry.isValidFieldName(field))
    }

    @Test func prioritiesFollowSyslog() {
        #expect([.trace, .debug, .info, .notice, .warning, .error, .critical].map(JournalFields.priority) == [7, 7, 6, 5, 4, 3, 2])
    }

    @Test func stderrLinesCarryThePriorityPrefixOnOneLine() {
        let line = StderrLogHandler.line(level: .error, label: "enrolld.api", message: "bind failed\non port", metadata: ["error": "EADDRINUSE"])
        #expect(line == "<3>enrolld.api: bind failed on port error=EADDRINUSE\n")
    }
}
