import Foundation
import NIOCore

/// The credentials of the process at the other end of a Unix socket. Mirrors glibc's
/// `struct ucred` (pid, uid, gid: three 32-bit fields), which Swift cannot see because
/// glibc declares it only under `_GNU_SOURCE`.
struct PeerCredentials: Sendable, Equatable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0

    /// Linux's `SO_PEERCRED` option number.
    static let peerCredentialsOption: Int32 = 17

    static func read(from channel: any Channel) async -> PeerCredentials? {
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        assert(MemoryLayout<PeerCredentials>.size == 12, "must match struct ucred")
        let future: EventLoopFuture<PeerCredentials> = provider.unsafeGetSocketOption(
            level: .socket, name: NIOBSDSocket.Option(rawValue: peerCredentialsOption))
        return try? await future.get()
    }

    /// The user's supplementary groups from the group database (SO_PEERCRED has only the
    /// primary gid), so `group:enrolld` rules match members as `id` shows them.
    static func supplementaryGroups(uid: UInt32, primary: UInt32) -> [UInt32] {
        var buffer = [CChar](repeating: 0, count: 4096)
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else { return [] }
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, primary, &groups, &count) == -1 {
            groups = [gid_t](repeating: 0, count: Int(count))
            guard getgrouplist(name, primary, &groups, &count) != -1 else { return [] }
        }
        return Array(groups.prefix(Int(count)))
    }
}
