import ArgumentParser
import Foundation

/// `enrollctl station …`: the self-service stations' logins. Socket only (technicians).
struct StationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station",
        abstract: "Sign out the self-service stations.",
        subcommands: [LogoutAll.self]
    )

    struct LogoutAll: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "logout-all",
            abstract: "Sign out every self-service station, also the logins kept for after a restart.",
            discussion: "Station logins outlive daemon restarts. Use this when a station browser was lost or copied: each station then shows its setup screen and needs the station key (access.station_token) again. Changing the station key in the configuration and restarting has the same effect.")
        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            let body = try OperatorsCommand.send("POST", "/v1/stations/logout", body: [], socket: connection.socketPath)
            let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
            let revoked = object?["revoked"] as? Int ?? 0
            print(revoked == 1 ? "Signed out 1 station login." : "Signed out \(revoked) station logins.")
        }
    }
}
