#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A few-MiB tmpfs for disk-full tests, unmounted when released. Mounting needs root (or
/// CAP_SYS_ADMIN); `available` tries once, so tests can skip with a reason instead of failing.
public final class SmallFilesystem {
    public let mountPoint: URL
    private let base: URL

    /// Whether a tmpfs can be mounted here (probed once by mounting and unmounting one).
    public static let available: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        return (try? SmallFilesystem(megabytes: 1)) != nil
    }()

    public init(megabytes: Int) throws {
        base = try BuiltProducts.temporaryFolder()
        mountPoint = base.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let (status, _, errors) = try RunningProcess.run(
            "/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0700", "tmpfs", mountPoint.path], folder: base)
        guard status == 0 else {
            try? FileManager.default.removeItem(at: base)
            throw MountFailure(description: "mount failed: \(errors)")
        }
    }

    deinit {
        // Lazy: a test's store may still hold files open when this is released.
        _ = try? RunningProcess.run("/bin/umount", ["--lazy", mountPoint.path], folder: base)
        try? FileManager.default.removeItem(at: base)
    }

    struct MountFailure: Error, CustomStringConvertible {
        let description: String
    }
}
