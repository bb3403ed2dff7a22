import Foundation
import Testing
import TestSupport
@testable import EnrollDaemon

/// The state directory's disk, read from sysfs: a tree laid out as the kernel lays out
/// /sys/dev/block and /sys/devices (symlinks included), and the real /sys for a file system
/// that has no block device.
@Suite struct DiskEncryptionTests {
    /// A sysfs tree with a LUKS volume (dm-0 on sda2), LVM on it (dm-1), a plain partition
    /// (sda3) and LVM on that (dm-2).
    static func sysfs() throws -> URL {
        let root = try BuiltProducts.temporaryFolder()
        let files = FileManager.default
        func block(_ path: String, number: String, uuid: String? = nil, slaves: [String: String] = [:]) throws {
            let folder = root.appendingPathComponent("devices/\(path)")
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
            if let uuid {
                try files.createDirectory(at: folder.appendingPathComponent("dm"), withIntermediateDirectories: true)
                try Data((uuid + "\n").utf8).write(to: folder.appendingPathComponent("dm/uuid"))
            }
            if !slaves.isEmpty {
                try files.createDirectory(at: folder.appendingPathComponent("slaves"), withIntermediateDirectories: true)
                for (name, target) in slaves {
                    try files.createSymbolicLink(atPath: folder.appendingPathComponent("slaves/\(name)").path, withDestinationPath: target)
                }
            }
            try files.createDirectory(at: root.appendingPathComponent("dev/block"), withIntermediateDirectories: true)
            try files.createSymbolicLink(atPath: root.appendingPathComponent("dev/block/\(number)").path, withDestinationPath: "../../devices/\(path)")
        }
        try block("pci0000:00/block/sda/sda2", number: "8:2")
        try block("pci0000:00/block/sda/sda3", number: "8:3")
        try block("virtual/block/dm-0", number: "253:0", uuid: "CRYPT-LUKS2-0123456789abcdef-sda2_crypt", slaves: ["sda2": "../../../pci0000:00/block/sda/sda2"])
        try block("virtual/block/dm-1", number: "253:1", uuid: "LVM-abcdef", slaves: ["dm-0": "../../dm-0"])
        try block("virtual/block/dm-2", number: "253:2", uuid: "LVM-ghijkl", slaves: ["sda3": "../../../pci0000:00/block/sda/sda3"])
        return root
    }

    @Test func luksAndLvmOnLuksAreEncryptedAPlainPartitionIsNot() throws {
        let root = try Self.sysfs()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(DiskEncryption.of(major: 253, minor: 0, sysfs: root.path) == .encrypted(device: "dm-0"))
        #expect(DiskEncryption.of(major: 253, minor: 1, sysfs: root.path) == .encrypted(device: "dm-1"))
        #expect(DiskEncryption.of(major: 8, minor: 3, sysfs: root.path) == .notEncrypted(device: "sda3"))
        #expect(DiskEncryption.of(major: 253, minor: 2, sysfs: root.path) == .notEncrypted(device: "dm-2"))
        // The partition under the LUKS volume is itself plain: only what the file system
        // sits on counts.
        #expect(DiskEncryption.of(major: 8, minor: 2, sysfs: root.path) == .notEncrypted(device: "sda2"))
    }

    @Test func withoutABlockDeviceNothingIsClaimed() throws {
        let root = try Self.sysfs()
        defer { try? FileManager.default.removeItem(at: root) }
        guard case .unknown = DiskEncryption.of(major: 0, minor: 45, sysfs: root.path) else {
            Issue.record("a device sysfs does not list was given a verdict")
            return
        }
        // procfs has an anonymous device (major 0): the real /sys has no block device for it.
        guard case .unknown = DiskEncryption.of(path: "/proc") else {
            Issue.record("/proc was given a verdict")
            return
        }
        guard case .unknown = DiskEncryption.of(path: "/no/such/path") else {
            Issue.record("a missing path was given a verdict")
            return
        }
    }
}
