/// A TLS file of the `central:` section that cannot be used: which key, which file, why.
/// Found when the uploader is built (at start, and by `enrolld --check-config`), not at the
/// first upload: before, a missing CA file showed only once a record was queued, as
/// "noSuchFilesystemObject" naming neither the key nor the file.
public struct SyncSetupError: Error, Equatable, CustomStringConvertible {
    /// The configuration key, e.g. `central.ca_file`.
    public let key: String
    /// The file it names.
    public let path: String
    /// Why it cannot be used, in plain words.
    public let reason: String

    public init(key: String, path: String, reason: String) {
        self.key = key
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(key) \(path.isEmpty ? "(not set)" : path): \(reason)" }
}
