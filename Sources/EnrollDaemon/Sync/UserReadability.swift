#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Whether another user could read a file, judged from the permission bits of the file and
/// of every folder on its way. `enrolld --check-config` is run by a technician as root, for
/// whom every file opens; the daemon runs as `enrolld` and finds a key of mode 0600 owned
/// by root unreadable, an hour later, in the journal. Switching this process's ids to test
/// it in this process would be process-wide (glibc's set*id), so the bits are read for the
/// reason, and the kernel is asked in a child process that becomes the user (util-linux's
/// `setpriv`, then `test -r`): only the kernel knows the POSIX ACLs a technician may have
/// used to let enrolld read a root-owned key, or to keep it out of one.
struct UserReadability {
    let name: String
    let uid: uid_t
    /// The user's primary and supplementary groups.
    let groups: Set<gid_t>

    /// The account enrolld runs as (systemd/enrolld.service `User=`), when it exists here.
    static func named(_ name: String) -> UserReadability? {
        guard let entry = getpwnam(name) else { return nil }
        let uid = entry.pointee.pw_uid, gid = entry.pointee.pw_gid
        var count: Int32 = 64
        var list = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, gid, &list, &count) < 0 {
            list = [gid_t](repeating: 0, count: Int(max(count, 1)))
            if getgrouplist(name, gid, &list, &count) < 0 { count = 0 }
        }
        return UserReadability(name: name, uid: uid, groups: Set(list.prefix(Int(max(count, 0)))).union([gid]))
    }

    /// Why this user could not read `path`, or nil when it could.
    func problem(reading path: String) -> String? {
        guard uid != 0 else { return nil }
        let why = reasonFromPermissionBits(path)
        switch kernelLetsRead(path) {
        case true?: return nil
        case false?: return why ?? "an access control list keeps user \(name) out (see getfacl \(path) and the folders above it)"
        case nil: return why
        }
    }

    /// Asks the kernel as this user, ACLs included; nil when the check itself cannot run
    /// (no setpriv here, or this process may not change its ids).
    func kernelLetsRead(_ path: String) -> Bool? {
        let setpriv = "/usr/bin/setpriv", test = "/usr/bin/test"
        guard geteuid() == 0, let primary = groups.min(),
              FileManager.default.isExecutableFile(atPath: setpriv), FileManager.default.isExecutableFile(atPath: test) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: setpriv)
        process.arguments = ["--reuid=\(uid)", "--regid=\(primary)", "--groups=" + groups.sorted().map(String.init).joined(separator: ","),
                             "--", test, "-r", path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        // test: 0 readable, 1 not; setpriv's own failures are other codes.
        switch process.terminationStatus {
        case 0: return true
        case 1: return false
        default: return nil
        }
    }

    private func reasonFromPermissionBits(_ path: String) -> String? {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        var folder = ""
        for part in absolute.split(separator: "/").dropLast() {
            folder += "/" + part
            guard let owner = Self.ownership(folder) else { return "\(folder) cannot be examined" }
            if !allows(owner, bits: 0o100) {
                return "the folder \(folder) does not let user \(name) in (mode \(String(owner.mode, radix: 8)))"
            }
        }
        guard let owner = Self.ownership(absolute) else { return "no such file" }
        if !allows(owner, bits: 0o400) {
            return "mode \(String(owner.mode, radix: 8)), owner \(owner.uid), group \(owner.gid) do not let user \(name) read it"
        }
        return nil
    }

    /// A file's owner, group and permission bits (Foundation's view of stat).
    private static func ownership(_ path: String) -> (uid: UInt32, gid: UInt32, mode: Int)? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let uid = (attributes[.ownerAccountID] as? NSNumber)?.uint32Value,
              let gid = (attributes[.groupOwnerAccountID] as? NSNumber)?.uint32Value,
              let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue else { return nil }
        return (uid, gid, mode & 0o7777)
    }

    /// The kernel's order: the owner's bits for the owner (even when the group's would
    /// allow more), then the group's for a member, then the others'. `bits` is the owner's
    /// bit (0o400 read, 0o100 search); the group's and others' are below it.
    private func allows(_ owner: (uid: UInt32, gid: UInt32, mode: Int), bits: Int) -> Bool {
        if owner.uid == uid { return owner.mode & bits != 0 }
        if groups.contains(owner.gid) { return owner.mode & (bits >> 3) != 0 }
        return owner.mode & (bits >> 6) != 0
    }
}
