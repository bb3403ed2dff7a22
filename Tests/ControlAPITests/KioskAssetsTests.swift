import Foundation
import NIOCore
import Testing
@testable import ControlAPI

/// Loading the kiosk folder: what is served, and what a hostile or broken folder cannot
/// make the daemon serve.
@Suite struct KioskAssetsTests {
    /// A fresh folder holding a small UI, removed when the test ends.
    final class Folder {
        let root: URL
        let outside: URL

        init() throws {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-\(UUID().uuidString)")
            root = base.appendingPathComponent("ui")
            outside = base.appendingPathComponent("secret")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("js"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
            try write("index.html", "<!doctype html><title>k</title>")
            try write("js/app.js", "export {}")
            try Data("root:x:0:0\n".utf8).write(to: outside.appendingPathComponent("passwd.txt"))
        }

        deinit { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }

        func write(_ key: String, _ text: String) throws {
            try Data(text.utf8).write(to: root.appendingPathComponent(key))
        }

        func link(_ key: String, to target: String) throws {
            try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(key).path, withDestinationPath: target)
        }
    }

    @Test func servesTheFolderByKey() throws {
        let folder = try Folder()
        let assets = try KioskAssets.load(directory: folder.root.path)
        #expect(assets.keys == ["index.html", "js/app.js"])
        let script = try #require(assets.asset("js/app.js"))
        #expect(script.contentType == "text/javascript; charset=utf-8")
        #expect(String(buffer: script.body) == "export {}")
    }

    @Test func symbolicLinksOutOfTheFolderAreNotServed() throws {
        let folder = try Folder()
        try folder.link("passwd.txt", to: folder.outside.appendingPathComponent("passwd.txt").path)
        try folder.link("up.txt", to: "../secret/passwd.txt")
        try folder.link("etc", to: "/etc")
        try folder.link("js/loop", to: "..")
        try folder.link("alias.js", to: "js/app.js")
        let assets = try KioskAssets.load(directory: folder.root.path)
        #expect(assets.asset("passwd.txt") == nil)
        #expect(assets.asset("up.txt") == nil)
        #expect(assets.keys.allSatisfy { !$0.hasPrefix("etc/") && !$0.hasPrefix("js/loop") })
        // A link that stays inside the folder is an ordinary alias.
        #expect(assets.asset("alias.js") != nil)
        #expect(assets.skipped.contains { $0.hasPrefix("passwd.txt:") })
    }

    @Test func hiddenUnknownAndSpecialEntriesAreNotServed() throws {
        let folder = try Folder()
        try folder.write(".env", "SECRET=1")
        try folder.write("notes.md", "# notes")
        try folder.write("app.js~", "backup")
        #expect(mkfifo(folder.root.appendingPathComponent("pipe.txt").path, 0o600) == 0)
        let assets = try KioskAssets.load(directory: folder.root.path)
        #expect(assets.keys == ["index.html", "js/app.js"])
    }

    @Test func oversizedFilesAreSkippedAndOversizedFoldersRefused() throws {
        let folder = try Folder()
        try folder.write("big.js", String(repeating: "x", count: 5_000))
        var limits = KioskAssets.Limits()
        limits.maximumFileBytes = 4_096
        #expect(try KioskAssets.load(directory: folder.root.path, limits: limits).asset("big.js") == nil)

        limits = KioskAssets.Limits()
        limits.maximumTotalBytes = 1_000
        #expect(throws: KioskAssetsError.self) { try KioskAssets.load(directory: folder.root.path, limits: limits) }

        limits = KioskAssets.Limits()
        limits.maximumFiles = 2
        #expect(throws: KioskAssetsError.self) { try KioskAssets.load(directory: folder.root.path, limits: limits) }
    }

    @Test func brokenFoldersAreRefusedWithTheReason() throws {
        let folder = try Folder()
        let missing = folder.root.appendingPathComponent("nowhere").path
        #expect(throws: KioskAssetsError.self) { try KioskAssets.load(directory: missing) }
        #expect(throws: KioskAssetsError.self) { try KioskAssets.load(directory: folder.root.appendingPathComponent("index.html").path) }
        try FileManager.default.removeItem(at: folder.root.appendingPathComponent("index.html"))
        do {
            _ = try KioskAssets.load(directory: folder.root.path)
            Issue.record("a folder without index.html was accepted")
        } catch {
            #expect(error.description.contains("no index.html"))
        }
    }

    @Test func theRepositoryUIIsServable() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let assets = try KioskAssets.load(directory: repository.appendingPathComponent("ui/kiosk").path)
        #expect(assets.skipped.isEmpty, "not served: \(assets.skipped)")
        for key in ["index.html", "i18n/fa.json", "i18n/en.json", "js/app.js", "css/kiosk.css"] {
            #expect(assets.asset(key) != nil, "\(key) missing")
        }
    }
}
