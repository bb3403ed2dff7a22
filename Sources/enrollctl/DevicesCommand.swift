import ArgumentParser
import ControlClient
import EnrollCore
import Foundation

/// `enrollctl devices`: every reader and camera with its health.
struct DevicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List fingerprint readers and cameras with their health."
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(name: .long, help: "Print the daemon's JSON answer as it is.")
    var json = false

    func run() throws {
        let body = try connection.fetch("/v1/devices")
        if json {
            FileHandle.standardOutput.write(Data(body + [10]))
            return
        }
        guard let list = try? JSONDecoder().decode(DeviceList.self, from: Data(body)) else {
            throw CommandFailure("enrolld's device list could not be read; try `enrollctl devices --json`.")
        }
        print(DeviceTable.render(list.devices), terminator: "")
    }
}

/// The table `enrollctl devices` prints.
enum DeviceTable {
    static func render(_ devices: [DeviceSummary]) -> String {
        guard !devices.isEmpty else { return "No fingerprint readers or cameras.\n" }
        let header = ["KIND", "ID", "NAME", "DRIVER", "HEALTH"]
        let rows = devices.map { [$0.kind == .camera ? "camera" : "reader", $0.id, $0.name, $0.driver ?? "-", $0.health.rawValue] }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
