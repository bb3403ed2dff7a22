import ArgumentParser
import ControlClient
import EnrollCore
import Foundation

/// `enrollctl status`: is the daemon up, what does it see, is anything stuck.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the daemon's state, devices, queue and sync."
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(name: .long, help: "Print the daemon's JSON answer as it is.")
    var json = false

    func run() throws {
        let body = try connection.fetch("/v1/status")
        if json {
            FileHandle.standardOutput.write(Data(body + [10]))
            return
        }
        guard let status = try? JSONDecoder().decode(DaemonStatus.self, from: Data(body)) else {
            throw CommandFailure("enrolld's status answer could not be read; try `enrollctl status --json`.")
        }
        print(StatusText.render(status), terminator: "")
    }
}

/// A failure the CLI reports as one sentence on stderr, exiting 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
