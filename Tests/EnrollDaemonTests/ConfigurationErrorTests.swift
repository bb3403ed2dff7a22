import Foundation
import Testing
@testable import EnrollDaemon

/// Each bad file is refused with exactly the message a technician reads.
@Suite struct ConfigurationErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let messages: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown top-level key", yaml: "version: 1\napi_settings: {}\n",
             messages: ["f.yaml:2:1: api_settings: unknown key (known keys: access, api, camera, central, daemon, fingerprint, kiosk, logging, matching, quality, session, storage, version)"]),
        Case(name: "misspelt nested key", yaml: "version: 1\napi:\n  htp_port: 8080\n",
             messages: ["f.yaml:3:3: api.htp_port: unknown key (did you mean http_port?)"]),
        Case(name: "string for an integer", yaml: "version: 1\napi:\n  http_port: eighty\n",
             messages: ["f.yaml:3:14: api.http_port: expected an integer from 1 to 65535, found the string \"eighty\""]),
        Case(name: "quoted number for an integer", yaml: "version: 1\napi:\n  http_port: \"8080\"\n",
             messages: ["f.yaml:3:14: api.http_port: expected an integer from 1 to 65535, found the string \"8080\""]),
        Case(name: "port out of range", yaml: "version: 1\napi:\n  http_port: 70000\n",
             messages: ["f.yaml:3:14: api.http_port: expected an integer from 1 to 65535, found 70000"]),
        Case(name: "port zero", yaml: "version: 1\napi:\n  http_port: 0\n",
             messages: ["f.yaml:3:14: api.http_port: expected an integer from 1 to 65535, found 0"]),
        Case(name: "fraction for an integer", yaml: "version: 1\ndaemon:\n  shutdown_timeout_seconds: 2.5\n",
             messages: ["f.yaml:3:29: daemon.shutdown_timeout_seconds: expected an integer from 1 to 60, found the number 2.5"]),
        Case(name: "timeout too long", yaml: "version: 1\ndaemon:\n  shutdown_timeout_seconds: 600\n",
             messages: ["f.yaml:3:29: daemon.shutdown_timeout_seconds: expected an integer from 1 to 60, found 600"]),
        Case(name: "public address", yaml: "version: 1\napi:\n  http_host: 0.0.0.0\n",
             messages: ["f.yaml:3:14: api.http_host: expected a loopback address (127.0.0.1, ::1 or localhost) so the API is not reachable from the network, found \"0.0.0.0\""]),
        Case(name: "word for a boolean", yaml: "version: 1\napi:\n  http_enabled: maybe\n",
             messages: ["f.yaml:3:17: api.http_enabled: expected true or false, found the string \"maybe\""]),
        Case(name: "unknown log level", yaml: "version: 1\nlogging:\n  level: verbose\n",
             messages: ["f.yaml:3:10: logging.level: expected one of trace, debug, info, notice, warning, error, critical, found \"verbose\""]),
        Case(name: "list for a word", yaml: "version: 1\nlogging:\n  target: [journal]\n",
             messages: ["f.yaml:3:11: logging.target: expected one of auto, journal, stderr, found a list"]),
        Case(name: "socket open to others", yaml: "version: 1\napi:\n  socket_mode: \"0666\"\n",
             messages: ["f.yaml:3:16: api.socket_mode: must not give access to other users (last digit 0), found \"0666\""]),
        Case(name: "mode not octal", yaml: "version: 1\napi:\n  socket_mode: rw-rw----\n",
             messages: ["f.yaml:3:16: api.socket_mode: expected permission bits in octal such as \"0660\", found the string \"rw-rw----\""]),
        Case(name: "socket path too long", yaml: "version: 1\napi:\n  socket: /\(String(repeating: "s", count: 120))\n",
             messages: ["f.yaml:3:11: api.socket: expected a path of at most 107 bytes, found one of 121 bytes"]),
        Case(name: "empty path", yaml: "version: 1\ndaemon:\n  state_directory: \"\"\n",
             messages: ["f.yaml:3:20: daemon.state_directory: expected a path, found an empty string"]),
        Case(name: "section is not a mapping", yaml: "version: 1\napi: 8470\n",
             messages: ["f.yaml:2:6: api: expected a mapping of keys, found 8470"]),
        Case(name: "missing version", yaml: "api:\n  http_port: 8080\n",
             messages: ["f.yaml:1:1: version: required key is missing (add \"version: 1\" at the top)"]),
        Case(name: "future version", yaml: "version: 2\n",
             messages: ["f.yaml:1:10: version: expected 1 (the configuration version this enrolld reads), found 2"]),
        Case(name: "duplicate key", yaml: "version: 1\napi:\n  http_port: 8080\n  http_port: 8081\n",
             messages: ["f.yaml:3:3: duplicate key http_port in the mapping starting here"]),
        Case(name: "top level is a list", yaml: "- version: 1\n",
             messages: ["f.yaml:1:1: expected a mapping of keys, found a list"]),
        Case(name: "syntax error", yaml: "version: 1\napi:\n  http_port: [8080\n",
             messages: ["f.yaml:4:1: syntax error: did not find expected ',' or ']'"]),
        Case(name: "tab indentation", yaml: "version: 1\napi:\n\thttp_port: 8080\n",
             messages: ["f.yaml:3:1: syntax error: found character that cannot start any token"]),
        Case(name: "number for a field name", yaml: "version: 1\nsession:\n  required_fields: [123]\n",
             messages: ["f.yaml:3:21: session.required_fields: expected a field name starting with a letter (such as reference or birth_year), found \"123\""]),
        Case(name: "field name starting with _", yaml: "version: 1\nsession:\n  optional_fields: [reference_, _note]\n",
             messages: ["f.yaml:3:33: session.optional_fields: expected a field name starting with a letter (such as reference or birth_year), found \"_note\""]),
        Case(name: "several problems at once", yaml: "version: 1\napi:\n  http_port: -1\nlogging:\n  level: loud\n",
             messages: [
                "f.yaml:3:14: api.http_port: expected an integer from 1 to 65535, found -1",
                "f.yaml:5:10: logging.level: expected one of trace, debug, info, notice, warning, error, critical, found \"loud\"",
             ]),
    ]

    @Test(arguments: cases)
    func refusedWithExactMessage(_ testCase: Case) {
        #expect(throws: ConfigurationErrors.self) {
            _ = try ConfigurationLoader.parse(Data(testCase.yaml.utf8), file: "f.yaml", relativeTo: "/etc/enrolld")
        }
        do {
            _ = try ConfigurationLoader.parse(Data(testCase.yaml.utf8), file: "f.yaml", relativeTo: "/etc/enrolld")
        } catch {
            #expect(error.errors.map(\.description) == testCase.messages)
        }
    }

    @Test func oversizedFileIsRefusedBeforeParsing() {
        let huge = Data(repeating: UInt8(ascii: "#"), count: ConfigurationLoader.maximumFileSize + 1)
        #expect(throws: ConfigurationErrors(errors: [.init(file: "f.yaml", line: nil, column: nil, key: "",
                                                           problem: "is 1048577 bytes; the limit is 1048576 bytes")])) {
            _ = try ConfigurationLoader.parse(huge, file: "f.yaml", relativeTo: "/")
        }
    }

    @Test func binaryFileIsRefused() {
        #expect(throws: ConfigurationErrors(errors: [.init(file: "f.yaml", line: nil, column: nil, key: "", problem: "is not UTF-8 text")])) {
            _ = try ConfigurationLoader.parse(Data([0xFF, 0xFE, 0x00, 0x80]), file: "f.yaml", relativeTo: "/")
        }
    }

    @Test func aliasIsRefusedWhereAValueIsExpected() {
        let yaml = "version: 1\nx: &port 8080\napi:\n  http_port: *port\n"
        do {
            _ = try ConfigurationLoader.parse(Data(yaml.utf8), file: "f.yaml", relativeTo: "/")
            Issue.record("an alias and an unknown key were accepted")
        } catch {
            #expect(error.errors.map(\.key).contains("x"))
        }
    }
}
