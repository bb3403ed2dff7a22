import Foundation
import Testing
@testable import EventLog

/// Every catalogued event has an entry in systemd/enrolld.catalog, and no id is used
/// outside `CatalogEvent`.
@Suite struct CatalogTests {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    static func catalogEntries() throws -> [String: String] {
        let text = try String(contentsOf: root.appendingPathComponent("systemd/enrolld.catalog"), encoding: .utf8)
        var entries: [String: String] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- ") {
                current = String(line.dropFirst(3))
                entries[current!] = ""
            } else if let id = current {
                entries[id, default: ""] += line + "\n"
            }
        }
        return entries
    }

    @Test(arguments: CatalogEvent.allCases)
    func eventHasACatalogEntry(_ event: CatalogEvent) throws {
        let entry = try #require(try Self.catalogEntries()[event.messageID], "no catalog entry for \(event)")
        #expect(entry.contains("Subject: "))
        #expect(entry.contains("Effect: "), "entry for \(event) does not say the effect")
        #expect(entry.contains("What to do: "), "entry for \(event) does not say what to do")
    }

    @Test func idsAreUniqueAndWellFormed() {
        let ids = CatalogEvent.allCases.map(\.messageID)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.count == 32 && id.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        }
    }

    @Test func catalogHasNoOrphanEntries() throws {
        #expect(Set(try Self.catalogEntries().keys) == Set(CatalogEvent.allCases.map(\.messageID)))
    }

    /// A MESSAGE_ID written anywhere in the sources must be one of `CatalogEvent`'s.
    @Test func noMessageIDOutsideTheCatalogEnum() throws {
        let known = Set(CatalogEvent.allCases.map(\.messageID))
        let pattern = try Regex("\"[0-9a-f]{32}\"")
        let sources = Self.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: pattern) {
                let id = String(text[match.range].dropFirst().dropLast())
                #expect(known.contains(id), "\(file.lastPathComponent) uses \(id), which has no catalog entry")
            }
        }
    }

    /// journalctl itself compiles the catalog, proving the file's syntax.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/journalctl"),
                   "journalctl is not installed (Debian package systemd)"))
    func journalctlCompilesTheCatalog() throws {
        let journalctl = "/usr/bin/journalctl"
        let rootFolder = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        let catalogFolder = rootFolder.appendingPathComponent("usr/lib/systemd/catalog")
        try FileManager.default.createDirectory(at: catalogFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: rootFolder.appendingPathComponent("var/lib/systemd/catalog"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: rootFolder) }
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("systemd/enrolld.catalog"),
                                         to: catalogFolder.appendingPathComponent("enrolld.catalog"))
        #expect(try run(journalctl, ["--root=\(rootFolder.path)", "--update-catalog"]).status == 0)
        let listed = try run(journalctl, ["--root=\(rootFolder.path)", "--list-catalog"])
        for event in CatalogEvent.allCases {
            #expect(listed.output.contains(event.messageID), "journalctl did not list \(event)")
        }
    }

    private func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
