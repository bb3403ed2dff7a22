import Foundation
import Testing
@testable import EnrollDaemon

/// The configuration file in a diagnostics bundle: the technician's keys, as YAML, with the
/// station's secret never in it, whatever style the file was written in.
@Suite struct MaskedConfigurationTextTests {
    static let secret = "kiosk-station-secret-0123456789"

    @Test(arguments: [
        "version: 1\naccess:\n  station_token: \(secret)\n  lockout_after: 3\n",
        "version: 1\naccess: {station_token: \"\(secret)\", lockout_after: 3}\n",
        "version: 1\naccess:\n  station_token: |\n    \(secret)\n  lockout_after: 3\n",
    ])
    func theSecretIsMaskedAndTheOtherKeysStay(_ text: String) throws {
        let masked = MaskedConfigurationText.masked(text)
        #expect(!masked.contains(Self.secret))
        #expect(!masked.contains("kiosk-station"))
        #expect(masked.contains("station_token:") && masked.contains(MaskedConfigurationText.mask))
        #expect(masked.contains("lockout_after: 3"))
        // Still a configuration the daemon reads, to reproduce the kiosk elsewhere.
        #expect(throws: Never.self) { _ = try ConfigurationLoader.parse(Data(masked.utf8), file: "m.yaml", relativeTo: "/etc/enrolld") }
    }

    @Test func anEmptyTokenStaysEmptySoTheReaderSeesNoStationLogins() {
        let masked = MaskedConfigurationText.masked("version: 1\naccess:\n  station_token: \"\"\n")
        #expect(!masked.contains(MaskedConfigurationText.mask))
        #expect(masked.contains("station_token: ''") || masked.contains("station_token: \"\""))
    }

    @Test(arguments: ["version: 1\napi: [unclosed\n", "\u{0}\u{1}garbage: [", String(repeating: "[", count: 10_000)])
    func textThatNoLongerParsesIsNotCopied(_ text: String) {
        let masked = MaskedConfigurationText.masked(text)
        #expect(masked.hasPrefix("# "))
        #expect(!masked.contains("unclosed") && !masked.contains("garbage"))
    }

    @Test func theSourceIsNamedOrTheDefaultsSaid() throws {
        #expect(MaskedConfigurationText.of(.defaults(missing: "/etc/enrolld/enrolld.yaml")).contains("built-in defaults"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("masked-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("version: 1\naccess:\n  station_token: \(Self.secret)\n".utf8).write(to: file)
        let (_, source) = try ConfigurationLoader.load(path: file.path)
        // Edited after the start: the bundle still shows what the daemon runs on.
        try Data("version: 1\napi:\n  http_port: 1\n".utf8).write(to: file)
        let text = MaskedConfigurationText.of(source)
        #expect(text.hasPrefix("# \(file.path), secrets masked"))
        #expect(text.contains("station_token") && !text.contains("http_port"))
        #expect(!text.contains(Self.secret))
    }

    @Test func bytesThatAreNotTextAreNotCopied() {
        let text = MaskedConfigurationText.of(.file("/etc/enrolld/enrolld.yaml", bytes: Data([0xff, 0xfe, 0x00, 0x41])))
        #expect(text == "# /etc/enrolld/enrolld.yaml is not UTF-8 text; not copied\n")
    }
}
