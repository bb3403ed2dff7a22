import ControlAPI
import Crypto
import EnrollCore
import Foundation
import Glibc

/// The consent texts of the configured version, read once at start from the centre's folder
/// and the package's (`<folder>/<version>/<language>.txt`, `<language>.fingers.txt`,
/// `<language>.face.txt`) and composed for the policy, each with the SHA-256 of exactly
/// what is shown.
///
/// A version lives in one folder only: a centre cannot shadow a shipped version with other
/// words under the same name, which would make "version 1" in a record mean two texts.
enum ConsentLibrary {
    /// Per part: a consent text is a few paragraphs, not a document.
    static let maximumPartBytes = 16 * 1024

    /// The texts of `version` in every one of `languages` (sorted by language), composed
    /// for a policy that takes fingers and/or the face. `folders`: the centre's first, then
    /// the package's; missing folders are skipped.
    static func load(version: String, languages: [String], fingers: Bool, face: Bool, folders: [String]) throws(ConsentTextError) -> [ConsentTextView] {
        guard ConsentParts.isSafeName(version) else { throw .unsafeName(version, version: version) }
        if let bad = languages.first(where: { !ConsentParts.isSafeName($0) }) { throw .unsafeName(bad, version: version) }
        guard !languages.isEmpty else { return [] }
        let roots = unique(folders).map { URL(fileURLWithPath: $0).appendingPathComponent(version).path }
        let found = roots.filter(isDirectory)
        guard found.count <= 1 else { throw .inTwoPlaces(found, version: version) }
        guard let folder = found.first else {
            let language = languages.sorted()[0]
            throw .missing(language: language, part: "text", looked: roots.map { "\($0)/\(language).txt" }, version: version)
        }
        return try languages.sorted().map { language throws(ConsentTextError) in
            let parts = ConsentParts(
                main: try part(folder, language, "", version: version),
                fingers: fingers ? try part(folder, language, ".fingers", version: version) : nil,
                face: face ? try part(folder, language, ".face", version: version) : nil)
            let text = parts.composed(fingers: fingers, face: face) ?? parts.main
            return ConsentTextView(language: language, text: text, sha256: digest(text))
        }
    }

    /// Lowercase hex SHA-256 of the text's UTF-8 bytes.
    static func digest(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// One part the policy needs; its absence is an error.
    static func part(_ folder: String, _ language: String, _ suffix: String, version: String) throws(ConsentTextError) -> String {
        let path = URL(fileURLWithPath: folder).appendingPathComponent("\(language)\(suffix).txt").path
        guard let text = try read(path, version: version) else {
            let name = suffix == ".face" ? "face paragraph" : suffix == ".fingers" ? "fingers paragraph" : "text"
            throw .missing(language: language, part: name, looked: [path], version: version)
        }
        return text
    }

    /// One part, strictly: a regular file, at most `maximumPartBytes`, valid UTF-8, no
    /// control characters but line feeds and tabs, not blank. Surrounding blank lines and
    /// spaces are dropped (editors add a final newline); nothing inside is changed. Nil when
    /// there is no such file.
    static func read(_ path: String, version: String) throws(ConsentTextError) -> String? {
        // O_NONBLOCK: a FIFO put there cannot stall the start.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            let error = errno
            if error == ENOENT { return nil }
            throw .unreadable(path, String(cString: strerror(error)), version: version)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        // A folder, device or pipe in a text's place (links are followed: a centre may link).
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard (try? FileManager.default.attributesOfItem(atPath: target))?[.type] as? FileAttributeType == .typeRegular else {
            throw .notAFile(path, version: version)
        }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumPartBytes + 1) ?? Data()
        } catch {
            throw .unreadable(path, "\(error)", version: version)
        }
        guard data.count <= maximumPartBytes else { throw .tooLarge(path, limit: maximumPartBytes, version: version) }
        guard let text = String(validating: data, as: UTF8.self) else { throw .notUTF8(path, version: version) }
        let allowed: Set<Unicode.Scalar> = ["\n", "\t"]
        if text.unicodeScalars.contains(where: { ($0.properties.generalCategory == .control && !allowed.contains($0)) }) {
            throw .controlCharacter(path, version: version)
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty(path, version: version) }
        return trimmed
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    /// The folders without repeats (the demo points both settings at one folder).
    static func unique(_ folders: [String]) -> [String] {
        var seen: Set<String> = []
        return folders.map { URL(fileURLWithPath: $0).standardizedFileURL.path }.filter { seen.insert($0).inserted }
    }
}
