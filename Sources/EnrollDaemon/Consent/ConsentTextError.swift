/// Why the consent texts of the configured version cannot be served. The daemon refuses to
/// start on any of these: asking for consent to a text nobody can show, or to one that is
/// not what its version says, would make the record's consent worthless.
public struct ConsentTextError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case unsafeName(String)
        case missing(language: String, part: String, looked: [String])
        case inTwoPlaces([String])
        case unreadable(String, String)
        case notAFile(String)
        case tooLarge(String, Int)
        case notUTF8(String)
        case controlCharacter(String)
        case empty(String)
    }

    private let code: Code
    /// The configured version.
    public let version: String
    /// The file or folder concerned, for the journal's `ENROLLD_PATH`.
    public var path: String {
        switch code {
        case .unsafeName, .missing: ""
        case .inTwoPlaces(let paths): paths.first ?? ""
        case .unreadable(let path, _), .notAFile(let path), .tooLarge(let path, _), .notUTF8(let path), .controlCharacter(let path),
             .empty(let path): path
        }
    }

    private init(_ code: Code, version: String) {
        self.code = code
        self.version = version
    }

    static func unsafeName(_ name: String, version: String) -> Self { .init(.unsafeName(name), version: version) }
    static func missing(language: String, part: String, looked: [String], version: String) -> Self {
        .init(.missing(language: language, part: part, looked: looked), version: version)
    }
    static func inTwoPlaces(_ paths: [String], version: String) -> Self { .init(.inTwoPlaces(paths), version: version) }
    static func unreadable(_ path: String, _ reason: String, version: String) -> Self { .init(.unreadable(path, reason), version: version) }
    static func notAFile(_ path: String, version: String) -> Self { .init(.notAFile(path), version: version) }
    static func tooLarge(_ path: String, limit: Int, version: String) -> Self { .init(.tooLarge(path, limit), version: version) }
    static func notUTF8(_ path: String, version: String) -> Self { .init(.notUTF8(path), version: version) }
    static func controlCharacter(_ path: String, version: String) -> Self { .init(.controlCharacter(path), version: version) }
    static func empty(_ path: String, version: String) -> Self { .init(.empty(path), version: version) }

    public var description: String {
        switch code {
        case .unsafeName(let name):
            "\"\(name.prefix(64))\" cannot name a consent version or language (letters, digits, '.', '_', '-' only, no leading '.')"
        case .missing(let language, let part, let looked):
            "consent text version \(version) has no \(part) in language \(language), which the kiosk offers (looked for "
                + looked.joined(separator: ", ") + ")"
        case .inTwoPlaces(let paths):
            "consent text version \(version) exists in both \(paths.joined(separator: " and ")); give the centre's own text a version of its own"
        case .unreadable(let path, let reason): "consent text \(path) cannot be read: \(reason)"
        case .notAFile(let path): "consent text \(path) is not a regular file"
        case .tooLarge(let path, let limit): "consent text \(path) is larger than \(limit) bytes"
        case .notUTF8(let path): "consent text \(path) is not valid UTF-8"
        case .controlCharacter(let path):
            "consent text \(path) contains a control character (only line feeds and tabs are allowed; save it with Unix line ends)"
        case .empty(let path): "consent text \(path) is empty"
        }
    }
}
