#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Prepares and secures the API's Unix socket file.
enum UnixSocketPermissions {
    /// Removes a socket file left by a daemon that died without cleaning up. Only a socket
    /// is removed, never another kind of file someone put at that path.
    static func removeStale(at path: String) throws(ListenerError) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return }
        guard attributes[.type] as? FileAttributeType == .typeSocket else {
            throw ListenerError("\(path) exists and is not a socket; refusing to replace it")
        }
        guard unlink(path) == 0 else { throw ListenerError("cannot remove the stale socket \(path): errno \(errno)") }
    }

    /// Sets mode and group so members of the group may connect and nobody else can.
    static func apply(mode: UInt32, group: String, to path: String) throws(ListenerError) {
        if !group.isEmpty {
            guard let entry = getgrnam(group) else { throw ListenerError("the group \"\(group)\" for \(path) does not exist") }
            guard chown(path, uid_t.max, entry.pointee.gr_gid) == 0 else {
                throw ListenerError("cannot give \(path) to group \(group): errno \(errno)")
            }
        }
        guard chmod(path, mode_t(mode)) == 0 else { throw ListenerError("cannot set the mode of \(path): errno \(errno)") }
    }
}

/// A listener could not be set up.
public struct ListenerError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
