import Foundation
import Testing
import TestSupport
@testable import EnrollDaemon

/// Swap areas from /proc/swaps' text, and which of them lie on no dm-crypt device, on the
/// sysfs tree the disk-encryption tests lay out (a LUKS partition, LVM on it, a plain one).
@Suite struct SwapEncryptionTests {
    static let header = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"

    @Test func partitionsFilesAndEscapedNamesAreRead() {
        let areas = SwapEncryption.areas(in: Self.header + """
            /dev/sda3                               partition\t2097148\t\t0\t\t-2
            /var/swap\\040file                       file\t\t1048572\t\t0\t\t-3
            /dev/zram0                              partition\t4096000\t\t0\t\t100

            """)
        #expect(areas == [
            .init(path: "/dev/sda3", isPartition: true), .init(path: "/var/swap file", isPartition: false),
            .init(path: "/dev/zram0", isPartition: true),
        ])
    }

    @Test(arguments: ["", "Filename Type Size Used Priority", Self.header + "garbage", Self.header + "relative partition 1 0 -2",
                      Self.header + "/dev/sda3", Self.header + "/dev/bad\\9 partition 1 0 -2\n\u{0}\u{1}", String(repeating: "x", count: 100_000)])
    func brokenOrEmptyTextGivesNoAreaButNeverStops(_ text: String) {
        let areas = SwapEncryption.areas(in: text)
        #expect(areas.allSatisfy { $0.path.hasPrefix("/") && $0.isPartition })
        #expect(areas.count <= 1)
    }

    @Test func onlyThePlainPartitionIsReported() throws {
        let sysfs = try DiskEncryptionTests.sysfs()
        for (name, number) in [("sda3", "8:3"), ("dm-0", "253:0"), ("dm-1", "253:1"), ("dm-2", "253:2")] {
            let folder = sysfs.appendingPathComponent("class/block/\(name)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("\(number)\n".utf8).write(to: folder.appendingPathComponent("dev"))
        }
        let areas: [SwapEncryption.Area] = [
            .init(path: "/dev/sda3", isPartition: true), .init(path: "/dev/dm-1", isPartition: true),
            .init(path: "/dev/dm-2", isPartition: true), .init(path: "/dev/zram0", isPartition: true),
            .init(path: "/dev/unknown9", isPartition: true),
        ]
        #expect(SwapEncryption.unencrypted(areas, sysfs: sysfs.path) == ["/dev/sda3", "/dev/dm-2"],
                "LVM on LUKS is encrypted, LVM on a plain partition is not; zram and an unknown device say nothing")
    }
}
