import Foundation

/// Swap areas that would write memory to a disk in the clear. enrolld's own memory is kept
/// out of swap by its unit (MemorySwapMax=0), but the kiosk browser's is not: the photo
/// preview and the details typed in can be paged out to a plain swap partition or file and
/// stay there after the session. Said at every start, like an unencrypted state directory.
enum SwapEncryption {
    struct Area: Equatable {
        let path: String
        let isPartition: Bool
    }

    /// The areas the kernel swaps to now (none when /proc/swaps cannot be read).
    static func inUse(procSwaps: String = "/proc/swaps") -> [Area] {
        (try? String(contentsOfFile: procSwaps, encoding: .utf8)).map(areas(in:)) ?? []
    }

    /// The areas listed in /proc/swaps' text: a header line, then one line per area whose
    /// first two fields are the path (the kernel writes a space as \040) and the type.
    /// Lines that do not read so are skipped: a garbled line must not stop the daemon.
    static func areas(in text: String) -> [Area] {
        text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 2, fields[0].hasPrefix("/") else { return nil }
            return Area(path: unescaped(String(fields[0])), isPartition: fields[1] == "partition")
        }
    }

    /// Paths of the areas on no dm-crypt device. zram lives in memory, so it never counts;
    /// an area whose device cannot be told is not reported (nothing can be said).
    static func unencrypted(_ areas: [Area], sysfs: String = "/sys") -> [String] {
        areas.filter { area in
            let name = URL(fileURLWithPath: area.path).resolvingSymlinksInPath().lastPathComponent
            if area.isPartition && name.hasPrefix("zram") { return false }
            let state: DiskEncryption
            if area.isPartition {
                guard let numbers = try? String(contentsOfFile: "\(sysfs)/class/block/\(name)/dev", encoding: .utf8),
                      case let parts = numbers.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":"),
                      parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return false }
                state = DiskEncryption.of(major: major, minor: minor, sysfs: sysfs)
            } else {
                state = DiskEncryption.of(path: area.path, sysfs: sysfs)
            }
            if case .notEncrypted = state { return true }
            return false
        }.map(\.path)
    }

    /// The kernel's octal escapes (\040 for a space) turned back into characters.
    private static func unescaped(_ field: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(field.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "\\"), utf8.count >= 3,
               let value = UInt8(String(decoding: utf8.prefix(3), as: UTF8.self), radix: 8) {
                bytes.append(value)
                utf8 = utf8.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
