#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The standard `process_*` metrics, read from `/proc/self` when scraped, so a technician's
/// dashboard shows memory growth and file-descriptor leaks without a collector thread.
public struct ProcessMetrics: Sendable {
    private let procRoot: String

    /// - Parameter procRoot: `/proc/self` normally; tests point it at a folder of their own.
    public init(procRoot: String = "/proc/self") {
        self.procRoot = procRoot
    }

    /// Exposition lines for whatever could be read; a missing file only drops its lines.
    public func render() -> String {
        var lines: [String] = []
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        if let stat = read("stat"), let fields = Self.statFields(stat), fields.count > 21,
           let user = Double(fields[13]), let system = Double(fields[14]), let startTicks = Double(fields[21]) {
            lines += gauge("process_cpu_seconds_total", "counter", "User and system CPU time spent in seconds.", (user + system) / ticks)
            if let boot = bootTime() {
                lines += gauge("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.", boot + startTicks / ticks)
            }
        }
        if let statm = read("statm") {
            let pages = statm.split(separator: " ").compactMap { Double($0) }
            if pages.count >= 2 {
                lines += gauge("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", pages[0] * pageSize)
                lines += gauge("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", pages[1] * pageSize)
            }
        }
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: procRoot + "/fd") {
            lines += gauge("process_open_fds", "gauge", "Number of open file descriptors.", Double(entries.count))
        }
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 {
            lines += gauge("process_max_fds", "gauge", "Maximum number of open file descriptors.", Double(limit.rlim_cur))
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// The fields of `/proc/self/stat` from the state field on (index 0 = pid, 1 = comm).
    /// The command name is in parentheses and may hold spaces and `)`, so split after the last `)`.
    static func statFields(_ text: String) -> [String]? {
        guard let close = text.lastIndex(of: ")"), let open = text.firstIndex(of: "(") else { return nil }
        let head = text[..<open].trimmingCharacters(in: .whitespaces)
        let rest = text[text.index(after: close)...].split(separator: " ").map(String.init)
        return [head, String(text[open...close])] + rest
    }

    private func read(_ name: String) -> String? {
        try? String(contentsOfFile: procRoot + "/" + name, encoding: .utf8)
    }

    private func bootTime() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        return stat.split(separator: "\n").first { $0.hasPrefix("btime ") }
            .flatMap { Double($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
    }

    private func gauge(_ name: String, _ type: String, _ help: String, _ value: Double) -> [String] {
        ["# HELP \(name) \(help)", "# TYPE \(name) \(type)", "\(name) \(value)"]
    }
}
