import NIOCore

/// The kiosk web UI (HTML, CSS, JS, message catalogs), read once from its folder at start-up
/// and served from memory. Requests are answered by looking a key up in a table built by a
/// careful walk of the folder, so no request path ever reaches the file system: traversal,
/// encoded dots, NUL bytes and symbolic links pointing out of the folder have nothing to
/// reach. Installing a new UI takes a restart of the daemon.
public struct KioskAssets: Sendable {
    struct Asset: Sendable {
        let body: ByteBuffer
        let contentType: String
    }

    /// The folder the files were read from (its real path).
    public let directory: String
    /// Entries of the folder that are not served, with the reason, for the journal at
    /// debug level (names inside the UI folder only; never personal data).
    public let skipped: [String]
    let files: [String: Asset]

    init(directory: String, files: [String: Asset], skipped: [String]) {
        self.directory = directory
        self.files = files
        self.skipped = skipped
    }

    /// How many files are served.
    public var count: Int { files.count }

    /// The served keys, sorted (for tests and the journal).
    public var keys: [String] { files.keys.sorted() }

    func asset(_ key: String) -> Asset? { files[key] }
}

/// Why the kiosk folder could not be loaded; the daemon still runs, and the kiosk page
/// says the UI is not installed.
public struct KioskAssetsError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case unreadable(String)
        case notADirectory
        case noIndex
        case tooManyFiles(Int)
        case tooLarge(Int)
    }

    private let code: Code
    /// The folder as configured.
    public let directory: String

    private init(_ code: Code, _ directory: String) {
        self.code = code
        self.directory = directory
    }

    static func unreadable(_ directory: String, _ reason: String) -> Self { .init(.unreadable(reason), directory) }
    static func notADirectory(_ directory: String) -> Self { .init(.notADirectory, directory) }
    static func noIndex(_ directory: String) -> Self { .init(.noIndex, directory) }
    static func tooManyFiles(_ directory: String, limit: Int) -> Self { .init(.tooManyFiles(limit), directory) }
    static func tooLarge(_ directory: String, limitBytes: Int) -> Self { .init(.tooLarge(limitBytes), directory) }

    public var description: String {
        switch code {
        case .unreadable(let reason): "the kiosk UI folder \(directory) cannot be read: \(reason)"
        case .notADirectory: "the kiosk UI folder \(directory) is not a folder"
        case .noIndex: "the kiosk UI folder \(directory) has no index.html"
        case .tooManyFiles(let limit): "the kiosk UI folder \(directory) has more than \(limit) files"
        case .tooLarge(let limit): "the kiosk UI files in \(directory) take more than \(limit >> 20) MiB"
        }
    }
}
