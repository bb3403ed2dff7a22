import Foundation

/// Data the project may not commit, read from `../shared/fixtures` beside the checkout
/// (or `$ENROLLD_FIXTURES`). Tests that need it are skipped, with this reason, when absent.
public enum SharedFixtures {
    public static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["ENROLLD_FIXTURES"] { return URL(fileURLWithPath: override) }
        return BuiltProducts.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    }()

    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    public static func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    public static let fvc2002 = "fvc2002/FVC2002_DB1_B"
    public static let nistPrints = "nist-example-prints"
    public static let recordings = "libfprint-recordings"
}
