import Foundation
import Testing
@testable import EnrollDaemon

/// `kiosk.contact_text`: the centre's contact line per page language, for the end screen.
@Suite struct KioskContactConfigurationTests {
    private func parse(_ yaml: String) throws(ConfigurationErrors) -> DaemonConfiguration {
        try ConfigurationLoader.parse(Data(yaml.utf8), file: "f.yaml", relativeTo: "/etc/enrolld")
    }

    private func messages(_ yaml: String) -> [String] {
        do {
            _ = try parse(yaml)
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func noLineByDefault() throws {
        #expect(DaemonConfiguration().kiosk.contactText.isEmpty)
        #expect(try parse("version: 1\nkiosk: {}\n").kiosk.contactText.isEmpty)
    }

    @Test func eachLanguageHasItsOwnLine() throws {
        let yaml = "version: 1\nkiosk:\n  contact_text:\n    fa: \"دفتر ثبت‌نام، تلفن ۰۲۱-۱۲۳۴\"\n    en: \"Registration office, phone 021-1234\"\n"
        let contact = try parse(yaml).kiosk.contactText
        #expect(contact == ["fa": "دفتر ثبت‌نام، تلفن ۰۲۱-۱۲۳۴", "en": "Registration office, phone 021-1234"])
    }

    @Test func anEmptyLineIsNoLine() throws {
        #expect(try parse("version: 1\nkiosk: {contact_text: {fa: \"\", en: \"Desk 3\"}}\n").kiosk.contactText == ["en": "Desk 3"])
    }

    @Test(arguments: [
        ("kiosk: {contact_text: \"Desk 3\"}", "f.yaml:2:23: kiosk.contact_text: expected a mapping of keys, found the string \"Desk 3\""),
        ("kiosk: {contact_text: {fr: \"Bureau 3\"}}", "f.yaml:2:24: kiosk.contact_text.fr: unknown key (did you mean fa?)"),
        ("kiosk: {contact_text: {en: 3}}", "f.yaml:2:28: kiosk.contact_text.en: expected a string, found 3"),
        ("kiosk: {contact_text: {en: [a]}}", "f.yaml:2:28: kiosk.contact_text.en: expected a string, found a list"),
        ("kiosk: {contact_text: {en: \"Desk 3\\nRoom 4\"}}", "f.yaml:2:28: kiosk.contact_text.en: expected one line of text without control characters"),
        ("kiosk: {contact_text: {en: \"a\\u0000b\"}}", "f.yaml:2:28: kiosk.contact_text.en: expected one line of text without control characters"),
        ("kiosk: {contact_text: {en: \"\(String(repeating: "x", count: 201))\"}}",
         "f.yaml:2:28: kiosk.contact_text.en: expected at most 200 characters, found 201"),
        ("kiosk: {contact: {en: \"x\"}}", "f.yaml:2:9: kiosk.contact: unknown key (known keys: contact_text)"),
        ("kiosk: 3", "f.yaml:2:8: kiosk: expected a mapping of keys, found 3"),
    ])
    func badValuesAreRefused(_ line: String, _ message: String) {
        #expect(messages("version: 1\n\(line)\n") == [message])
    }

    @Test func theLongestLineIsTaken() throws {
        let line = String(repeating: "ک", count: 200)
        #expect(try parse("version: 1\nkiosk: {contact_text: {fa: \"\(line)\"}}\n").kiosk.contactText["fa"] == line)
    }
}
