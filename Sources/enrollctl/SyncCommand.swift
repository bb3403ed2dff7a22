import ArgumentParser
import ControlClient
import EnrollCore
import Foundation

/// `enrollctl sync`: the uploader's state; `enrollctl sync now`: try at once.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Show the upload to the central server: state, last success, last error, backlog, next attempt.",
        subcommands: [SyncShowCommand.self, SyncNowCommand.self],
        defaultSubcommand: SyncShowCommand.self)

    static func render(_ sync: SyncSummary, now: Double = Date().timeIntervalSince1970) -> String {
        var lines = ["State:        \(sync.state.rawValue)"]
        if let server = sync.server { lines.append("Server:       \(server)") }
        lines.append("Last success: " + (sync.lastSuccess.map { StatusText.duration(max(0, now - $0)) + " ago" } ?? "never"))
        lines.append("Last error:   " + (sync.lastError ?? "none"))
        if let backlog = sync.backlog { lines.append("Backlog:      \(backlog) record(s) awaiting a receipt") }
        if let next = sync.nextAttempt { lines.append("Next attempt: in " + StatusText.duration(max(0, next - now))) }
        if let delivered = sync.delivered { lines.append("Delivered:    \(delivered) record(s) since enrolld started") }
        if let resent = sync.resent, resent > 0 { lines.append("Re-sent:      \(resent) record(s) to a restored central server since enrolld started") }
        if let missing = sync.centralMissing {
            lines.append("Centre lacks: records \(missing.from)…\(missing.through) of this kiosk; "
                + (missing.resending ? "re-sending them"
                    : missing.lostHere == true ? "lost from this kiosk's database (accepted here): `enroll-ingest accept-gap --after \(missing.through)` on the server"
                    : "no longer held here: restore a newer central backup, or `enroll-ingest accept-gap` on the server"))
        }
        if let expires = sync.certificateExpires {
            let left = expires - now
            lines.append("Certificate:  " + (left <= 0 ? "expired " + StatusText.duration(-left) + " ago; the server refuses uploads"
                : "expires in " + StatusText.duration(left) + (left < 30 * 86_400 ? "; renew it (scripts/provision-issue): enrolld loads the new file by itself" : "")))
        }
        if let refused = sync.tlsFilesRefused {
            lines.append("TLS files:    changed files refused (\(refused)); still using the ones loaded before")
        }
        if let awaited = sync.tlsFilesAwaited {
            lines.append("TLS files:    sync waits for them (\(awaited)); put usable files in place: sync starts within 30 s, "
                + "or at once with `systemctl reload enrolld`; no restart needed")
        }
        if let audit = sync.audit { lines.append("Audit log:    " + auditLine(audit, now: now)) }
        if let skew = sync.clockSkew {
            lines.append("Clock:        this kiosk's clock is " + StatusText.duration(abs(skew)) + (skew > 0 ? " behind" : " ahead of")
                + " the central server's; check time synchronisation (timedatectl)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Where the audit log stands at the centre, in a technician's words.
    static func auditLine(_ audit: AuditShippingSummary, now: Double) -> String {
        let waiting = "\(audit.unshipped) entr\(audit.unshipped == 1 ? "y" : "ies") not yet at the centre"
        let again = audit.nextAttempt.map { "; offered again in " + StatusText.duration(max(0, $0 - now)) } ?? ""
        switch audit.state {
        case .caughtUp:
            guard audit.acknowledged > 0 else { return "empty, nothing to send" }
            return "the centre holds all \(audit.acknowledged) entries"
                + (audit.acknowledgedAt.map { " (confirmed " + StatusText.duration(max(0, now - $0)) + " ago)" } ?? "")
        case .pending:
            return waiting + "; sent once the records are"
        case .notOffered:
            return waiting + ": \(audit.problem ?? "the central server does not take audit entries")\(again); records are not affected"
        case .failing:
            return waiting + ": \(audit.problem ?? "shipping failed")\(again); records are not affected"
        }
    }

    static func show(_ body: [UInt8], json: Bool) throws {
        if json {
            FileHandle.standardOutput.write(Data(body + [10]))
            return
        }
        guard let sync = try? JSONDecoder().decode(SyncSummary.self, from: Data(body)) else {
            throw CommandFailure("enrolld's sync answer could not be read; try `enrollctl sync --json`.")
        }
        print(render(sync), terminator: "")
    }
}

struct SyncShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the uploader's state (the default).")
    @OptionGroup var connection: ConnectionOptions
    @Flag(name: .long, help: "Print the daemon's JSON answer as it is.") var json = false

    func run() throws {
        try SyncCommand.show(try APIRequest.get("/v1/sync", socket: connection.socketPath), json: json)
    }
}

struct SyncNowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "now", abstract: "Start an upload attempt now instead of waiting out the back-off.")
    @OptionGroup var connection: ConnectionOptions
    @Flag(name: .long, help: "Print the daemon's JSON answer as it is.") var json = false

    func run() throws {
        let response: HTTPResponse
        do { response = try UnixSocketClient(socketPath: connection.socketPath).request(method: "POST", path: "/v1/sync/now", body: []) } catch {
            throw CommandFailure(error.description)
        }
        guard response.status == 200 else {
            throw CommandFailure("enrolld answered \(response.status) \(response.reason) to /v1/sync/now: \(String(decoding: response.body, as: UTF8.self))")
        }
        try SyncCommand.show(response.body, json: json)
    }
}
