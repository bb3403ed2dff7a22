#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import ControlClient
import EnrollCore
import Foundation

/// `enrollctl diagnose`: a bundle for the developers: versions, the configuration with
/// secrets masked, devices, queue, status, and the recent journal of enrolld. The daemon
/// keeps personal and biometric data out of all of these; nothing is read from its files.
struct DiagnoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Write a diagnostics bundle (tar.gz, or a folder with --directory) without personal or biometric data."
    )

    @OptionGroup var connection: ConnectionOptions
    @Option(name: .shortAndLong, help: "Where to write (default: enrolld-diagnostics-TIME.tar.gz here).") var output: String?
    @Flag(name: .long, help: "Write a folder instead of a tar.gz.") var directory = false
    @Option(name: .long, help: "Journal lines to include.") var journalLines = 500

    func run() throws {
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let target = output ?? "enrolld-diagnostics-\(stamp)" + (directory ? "" : ".tar.gz")
        let folder = directory ? target : NSTemporaryDirectory() + "enrolld-diagnostics-\(getpid())"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { if !directory { try? FileManager.default.removeItem(atPath: folder) } }

        func write(_ name: String, _ bytes: [UInt8]) throws {
            try PrivateFile.write(Data(bytes), to: URL(fileURLWithPath: folder).appendingPathComponent(name).path)
        }
        try write("diagnostics.json", try APIRequest.get("/v1/diagnostics", socket: connection.socketPath))
        try write("status.json", try APIRequest.get("/v1/status", socket: connection.socketPath))
        var versions = "enrollctl \(EnrollVersion.current)\n"
        versions += Self.run("/usr/bin/uname", ["-a"]) ?? "uname: not available\n"
        versions += Self.run("/usr/bin/dpkg-query", ["-W", "libfprint-2-2", "libsqlite3-0", "systemd"]) ?? "dpkg-query: not available\n"
        try write("versions.txt", Array(versions.utf8))
        let journalctl = "/usr/bin/journalctl"
        let journal = Self.run(journalctl, ["-u", "enrolld", "-n", "\(max(1, min(journalLines, 10_000)))", "--no-pager", "-o", "short-iso"])
            ?? (FileManager.default.isExecutableFile(atPath: journalctl)
                ? "journalctl could not read a journal on this machine (systemd-journald not running?); no journal included.\n"
                : "journalctl is not available here; no journal included.\n")
        let note = Self.journalNote(journal, asRoot: geteuid() == 0)
        try write("journal.txt", Array((journal + note).utf8))

        if !directory {
            guard let tar = Self.run("/usr/bin/tar", ["-czf", URL(fileURLWithPath: target).path, "-C", folder, "."]) else {
                throw CommandFailure("tar could not write \(target).")
            }
            _ = tar
            try PrivateFile.restrict(target)
        }
        if !note.isEmpty { FileHandle.standardError.write(Data(note.utf8)) }
        print("Wrote \(target). It holds no personal or biometric data; check it before sending.")
    }

    /// journalctl exits 0 with "-- No entries --" both when enrolld never logged and when this
    /// user may not read the system journal; a bundle must not look complete when it is not.
    /// Root reads every journal, so for root the empty answer means enrolld logged elsewhere.
    static func journalNote(_ journal: String, asRoot: Bool) -> String {
        guard journal.contains("-- No entries --") else { return "" }
        if asRoot {
            return "Note: the journal holds no entries for enrolld: it has not run as the systemd service on this "
                + "machine, or it logs to standard error (logging.target: stderr, or started by hand); "
                + "include that output with the bundle.\n"
        }
        return "Note: the journal gave no entries for enrolld. If enrolld has run on this kiosk, this user "
            + "cannot read the system journal: run enrollctl diagnose as root or as a member of the "
            + "systemd-journal (or adm) group.\n"
    }

    /// The program's standard output, or nil when it is missing or fails.
    static func run(_ path: String, _ arguments: [String]) -> String? {
        guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
