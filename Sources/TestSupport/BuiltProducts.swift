import Foundation

/// Finds the package's executables and files for tests that run the real programs.
public enum BuiltProducts {
    /// The repository's root folder.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Sources/TestSupport/BuiltProducts.swift
        return url
    }()

    /// The folder holding the built executables: beside the test bundle, which is where
    /// `swift test` builds them (the test targets depend on them).
    public static let binaryFolder: URL = {
        if let override = ProcessInfo.processInfo.environment["ENROLLD_BIN_DIR"] { return URL(fileURLWithPath: override) }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("enrolld").path) { return url }
        }
        return repositoryRoot.appendingPathComponent(".build/debug")
    }()

    /// The path of a built executable such as `enrolld`.
    public static func executable(_ name: String) -> String {
        binaryFolder.appendingPathComponent(name).path
    }

    /// A fresh private temporary folder with a short path (Unix socket paths are limited
    /// to 107 bytes).
    public static func temporaryFolder() throws -> URL {
        let url = URL(fileURLWithPath: "/tmp/enrolld-test-" + UUID().uuidString.prefix(8).lowercased())
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return url
    }
}
