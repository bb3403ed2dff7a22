import ArgumentParser
import ControlClient
import EnrollCore
import Foundation

/// `enrollctl audit`: the kiosk's audit log, oldest first: who did what to which record and
/// when (operator and record ids, no one's details), and with `--verify` whether the hash
/// chain holds from the first entry to the last. For the data-protection officer or an
/// inquiry; a consent's text version, language and digest are in its entry.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit log (who did what to which record, when) and check its hash chain."
    )

    @OptionGroup var connection: ConnectionOptions
    @Option(name: .long, help: "Only entries after this sequence number.") var after: Int64 = 0
    @Option(name: .long, help: "At most this many entries (1-\(AuditPage.maximumLimit)).") var limit = 1_000
    @Flag(name: .long, help: "Recompute the whole chain and say whether it holds.") var verify = false
    @Flag(name: .long, help: "Print the daemon's JSON answer as it is.") var json = false

    func validate() throws {
        guard after >= 0 else { throw ValidationError("--after must be 0 or more.") }
        guard (1...AuditPage.maximumLimit).contains(limit) else { throw ValidationError("--limit must be from 1 to \(AuditPage.maximumLimit).") }
    }

    func run() throws {
        let body = try connection.fetch("/v1/audit?after=\(after)&limit=\(limit)&verify=\(verify)")
        if json {
            FileHandle.standardOutput.write(Data(body + [10]))
            return
        }
        guard let page = try? JSONDecoder().decode(AuditPage.self, from: Data(body)) else {
            throw CommandFailure("enrolld's audit answer could not be read; try `enrollctl audit --json`.")
        }
        print(Self.render(page), terminator: "")
        if page.problem != nil { throw ExitCode(1) }
    }

    static func render(_ page: AuditPage) -> String {
        let formatter = ISO8601DateFormatter()
        var lines = page.entries.map { entry in
            let time = formatter.string(from: Date(timeIntervalSince1970: Double(entry.at) / 1000))
            return "\(entry.seq)  \(time)  \(entry.actor)  \(entry.action)" + (entry.recordID.map { "  record \($0)" } ?? "")
        }
        if page.entries.isEmpty { lines.append("No entries.") }
        if let next = page.next { lines.append("More: enrollctl audit --after \(next)") }
        if let through = page.letGoThrough {
            lines.append("Entries 1…\(through): let go on this kiosk after the central server acknowledged them (storage.audit_retention_days); `enroll-ingest audit` lists them there")
        }
        if let count = page.verifiedEntries {
            lines.append("Chain: holds, \(count) entries checked from " + (page.letGoThrough.map { "entry \($0 + 1), linked to the last one let go" } ?? "the first"))
        }
        if let problem = page.problem { lines.append("Chain: BROKEN: \(problem). Keep this kiosk's state directory as it is and tell central IT.") }
        return lines.joined(separator: "\n") + "\n"
    }
}
