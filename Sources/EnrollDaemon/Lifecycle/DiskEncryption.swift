#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Whether the state directory lies on an encrypted block device. The gallery, its key and
/// the device key are only as safe as the disk (README, "Disk encryption"), so a kiosk
/// installed without LUKS should say so at every start rather than be found out after a
/// theft. Read from sysfs: the file system's device, then the device-mapper targets under
/// it (LVM over LUKS counts), looking for a dm-crypt one.
enum DiskEncryption: Equatable {
    case encrypted(device: String)
    case notEncrypted(device: String)
    /// Not a block device (tmpfs, overlay, a btrfs subvolume's anonymous device) or sysfs
    /// unreadable: nothing can be said.
    case unknown(String)

    /// The state of the file system holding `path`.
    static func of(path: String, sysfs: String = "/sys") -> DiskEncryption {
        var info = stat()
        guard stat(path, &info) == 0 else { return .unknown("cannot stat \(path)") }
        return of(major: major(info.st_dev), minor: minor(info.st_dev), sysfs: sysfs)
    }

    // glibc's major()/minor() are macros Swift cannot see: the kernel's dev_t layout, spelled out.
    static func major(_ device: dev_t) -> Int { Int(((device >> 8) & 0xfff) | ((device >> 32) & ~0xfff)) }
    static func minor(_ device: dev_t) -> Int { Int((device & 0xff) | ((device >> 12) & ~0xff)) }

    /// The state of block device `major:minor`, as sysfs describes it.
    static func of(major: Int, minor: Int, sysfs: String) -> DiskEncryption {
        let device = "\(sysfs)/dev/block/\(major):\(minor)"
        guard let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: device) else {
            return .unknown("\(major):\(minor) is not a block device")
        }
        let name = URL(fileURLWithPath: resolved).lastPathComponent
        return crypted(URL(fileURLWithPath: device).resolvingSymlinksInPath(), depth: 0) ? .encrypted(device: name) : .notEncrypted(device: name)
    }

    /// Whether this block device, or one it is mapped onto, is a dm-crypt target.
    private static func crypted(_ device: URL, depth: Int) -> Bool {
        // Stacks are shallow (LVM on LUKS on a partition); a loop in a broken sysfs is not.
        guard depth < 8 else { return false }
        if let uuid = try? String(contentsOf: device.appendingPathComponent("dm/uuid"), encoding: .utf8), uuid.hasPrefix("CRYPT-") {
            return true
        }
        let slaves = device.appendingPathComponent("slaves")
        let below = (try? FileManager.default.contentsOfDirectory(atPath: slaves.path)) ?? []
        return below.contains { crypted(slaves.appendingPathComponent($0).resolvingSymlinksInPath(), depth: depth + 1) }
    }
}
