import ArgumentParser
import EnrollCore
import Foundation

/// `enrollctl maintenance [on [--wait] | off]`: holds new enrollments back before a restart
/// or an upgrade, so no one is cut off in the middle of theirs. Socket only (technicians).
struct MaintenanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance",
        abstract: "Hold new enrollments back for a restart or an upgrade (show, on, off).",
        discussion: """
            A restart ends an open enrollment, and the person must start again. `enrollctl maintenance on --wait` \
            holds every new enrollment back (the kiosk says it is being serviced), lets the open one finish, and returns \
            once none is open: then restart or upgrade. Maintenance lives in the daemon's memory: the restart ends it, \
            or `enrollctl maintenance off`. Each switch is in the audit log.
            """,
        subcommands: [Show.self, On.self, Off.self],
        defaultSubcommand: Show.self
    )

    static func describe(_ view: MaintenanceView) -> String {
        let state = view.on ? "on: new enrollments are held back" : "off: new enrollments are accepted"
        let session = view.sessionOpen ? "one enrollment is open (a restart now would end it)" : "no enrollment is open"
        return "Maintenance \(state); \(session).\n"
    }

    static func request(_ method: String, body: [UInt8], socket: String) throws -> MaintenanceView {
        let bytes = try OperatorsCommand.send(method, "/v1/maintenance", body: body, socket: socket)
        do { return try JSONDecoder().decode(MaintenanceView.self, from: Data(bytes)) } catch {
            throw CommandFailure("enrolld's answer to /v1/maintenance could not be read: \(error)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Whether maintenance is on and an enrollment open.")
        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            print(MaintenanceCommand.describe(try MaintenanceCommand.request("GET", body: [], socket: connection.socketPath)), terminator: "")
        }
    }

    struct On: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "on", abstract: "Hold new enrollments back; the open one may finish.")
        @OptionGroup var connection: ConnectionOptions
        @Flag(help: "Return only once no enrollment is open, so a restart ends none.") var wait = false
        @Option(help: "With --wait: give up after this many seconds (exit 1; maintenance stays on).") var timeout: Int = 1800

        func validate() throws {
            guard timeout > 0, timeout <= 86_400 else { throw ValidationError("--timeout: 1 to 86400 seconds") }
        }

        func run() throws {
            var view = try MaintenanceCommand.request("POST", body: Array(#"{"on":true}"#.utf8), socket: connection.socketPath)
            print(MaintenanceCommand.describe(view), terminator: "")
            guard wait else { return }
            let deadline = Date().addingTimeInterval(Double(timeout))
            if view.sessionOpen { print("Waiting for the open enrollment to finish (at most \(timeout) s)…") }
            while view.sessionOpen {
                guard Date() < deadline else {
                    throw CommandFailure("an enrollment is still open after \(timeout) s; maintenance stays on (`enrollctl maintenance off` opens the kiosk again)")
                }
                Thread.sleep(forTimeInterval: 2)
                view = try MaintenanceCommand.request("GET", body: [], socket: connection.socketPath)
                guard view.on else { throw CommandFailure("maintenance was switched off (or enrolld restarted) while waiting") }
            }
            print("No enrollment is open: enrolld can be restarted or upgraded now (the restart ends maintenance).")
        }
    }

    struct Off: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "off", abstract: "Accept new enrollments again.")
        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            print(MaintenanceCommand.describe(try MaintenanceCommand.request("POST", body: Array(#"{"on":false}"#.utf8), socket: connection.socketPath)),
                  terminator: "")
        }
    }
}
