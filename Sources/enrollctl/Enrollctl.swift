import ArgumentParser
import Foundation

/// `enrollctl`: the technicians' tool. It talks to the daemon's API only and never opens
/// the daemon's files, so it needs no more rights than membership of the enrolld group.
@main
struct Enrollctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrollctl",
        abstract: "Inspect and operate the enrolld biometric enrollment daemon.",
        subcommands: [StatusCommand.self, QueueCommand.self, KeyCommand.self]
    )
}

/// Options every subcommand that talks to the daemon shares.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "The daemon's API socket (default: $ENROLLD_SOCKET or /run/enrolld/api.sock).")
    var socket: String?

    var socketPath: String {
        socket ?? ProcessInfo.processInfo.environment["ENROLLD_SOCKET"].flatMap { $0.isEmpty ? nil : $0 } ?? "/run/enrolld/api.sock"
    }
}
