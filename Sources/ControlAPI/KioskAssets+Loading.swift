import Foundation
import NIOCore

extension KioskAssets {
    /// Limits on what a folder may hold, so a wrong path (say `/usr`) fails fast and small.
    public struct Limits: Sendable {
        public var maximumFiles = 512
        public var maximumFileBytes = 4 << 20
        public var maximumTotalBytes = 32 << 20

        public init() {}
    }

    /// Reads every servable file under `directory`. Hidden entries, unknown extensions,
    /// oversized files and symbolic links that lead outside the folder (or to a folder)
    /// are skipped and listed in `skipped`.
    public static func load(directory: String, limits: Limits = Limits()) throws(KioskAssetsError) -> KioskAssets {
        guard let root = realPath(directory) else {
            throw .unreadable(directory, String(cString: strerror(errno)))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notADirectory(directory)
        }

        var walk = Walk(root: root, limits: limits, directory: directory)
        try walk.visit(folder: root, prefix: "", depth: 1)
        guard walk.files["index.html"] != nil else { throw .noIndex(directory) }
        return KioskAssets(directory: root, files: walk.files, skipped: walk.skipped)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private struct Walk {
        let root: String
        let limits: Limits
        let directory: String
        var files: [String: Asset] = [:]
        var skipped: [String] = []
        var totalBytes = 0

        mutating func visit(folder: String, prefix: String, depth: Int) throws(KioskAssetsError) {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            } catch {
                throw .unreadable(directory, "\(folder): \(error.localizedDescription)")
            }
            for name in names {
                let key = prefix + name
                guard KioskRequestPath.isAllowedSegment(name) else { skipped.append("\(key): hidden or unusable name"); continue }
                let path = folder + "/" + name
                // attributesOfItem does not follow a final link (lstat), so links are seen as links.
                guard let type = Self.type(path) else { skipped.append("\(key): cannot be examined"); continue }
                switch type {
                case .typeDirectory:
                    guard depth < KioskRequestPath.maximumSegments else { skipped.append("\(key): too deep"); continue }
                    try visit(folder: path, prefix: key + "/", depth: depth + 1)
                case .typeRegular:
                    try add(key: key, path: path)
                case .typeSymbolicLink:
                    // A link is served only when it resolves to a file inside the folder.
                    guard let target = KioskAssets.realPath(path), target.hasPrefix(root + "/") else {
                        skipped.append("\(key): symbolic link leading outside the folder"); continue
                    }
                    guard Self.type(target) == .typeRegular else {
                        skipped.append("\(key): symbolic link to something other than a file"); continue
                    }
                    try add(key: key, path: target)
                default:
                    skipped.append("\(key): not a regular file")
                }
            }
        }

        static func type(_ path: String) -> FileAttributeType? {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
            return attributes[.type] as? FileAttributeType
        }

        mutating func add(key: String, path: String) throws(KioskAssetsError) {
            guard let contentType = KioskHeaders.contentType(forKey: key) else {
                skipped.append("\(key): type not served"); return
            }
            guard files.count < limits.maximumFiles else { throw .tooManyFiles(directory, limit: limits.maximumFiles) }
            guard let bytes = Self.read(path, limit: limits.maximumFileBytes) else {
                skipped.append("\(key): unreadable, or larger than \(limits.maximumFileBytes) bytes"); return
            }
            totalBytes += bytes.count
            guard totalBytes <= limits.maximumTotalBytes else { throw .tooLarge(directory, limitBytes: limits.maximumTotalBytes) }
            files[key] = Asset(body: ByteBuffer(bytes: bytes), contentType: contentType)
        }

        /// The file's bytes; nil when it cannot be opened (`O_NOFOLLOW`: a link swapped in
        /// after the walk looked is refused; `O_NONBLOCK`: a pipe cannot stall start-up) or
        /// holds more than `limit` bytes.
        static func read(_ path: String, limit: Int) -> [UInt8]? {
            let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
            guard descriptor >= 0 else { return nil }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            guard let data = try? handle.read(upToCount: limit + 1) else { return [] }
            return data.count <= limit ? [UInt8](data) : nil
        }
    }
}
