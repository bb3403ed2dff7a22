import Foundation
import Testing
import TestSupport
@testable import EnrollDaemon

/// `api.kiosk_directory`: its default, the sample and the demo, and relative paths.
@Suite struct KioskConfigurationTests {
    @Test func defaultIsTheInstalledFolder() {
        #expect(DaemonConfiguration().api.kioskDirectory == "/usr/share/enrolld/kiosk")
    }

    @Test func sampleDocumentsTheKeyAtItsDefault() throws {
        let path = BuiltProducts.repositoryRoot.appendingPathComponent("config/enrolld.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\n  kiosk_directory: /usr/share/enrolld/kiosk\n"))
        let (configuration, _) = try ConfigurationLoader.load(path: path)
        #expect(configuration.api.kioskDirectory == DaemonConfiguration().api.kioskDirectory)
    }

    @Test func demoServesTheRepositoryUI() throws {
        let root = BuiltProducts.repositoryRoot
        let (configuration, _) = try ConfigurationLoader.load(path: root.appendingPathComponent("config/demo.yaml").path)
        #expect(configuration.api.kioskDirectory == root.appendingPathComponent("ui/kiosk").standardizedFileURL.path)
    }

    @Test(arguments: [("kiosk_directory: \"\"", "expected a path"), ("kiosk_directory: [a]", "kiosk_directory"), ("kiosk_directory: \"a\\0b\"", "NUL")])
    func badValuesAreRefused(_ line: String, _ message: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("enrolld.yaml")
        try Data("version: 1\napi:\n  \(line)\n".utf8).write(to: file)
        do {
            _ = try ConfigurationLoader.load(path: file.path)
            Issue.record("\(line) was accepted")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }
}
