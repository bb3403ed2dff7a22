import ArgumentParser
import ControlClient
import EnrollCore
import Foundation

/// `enrollctl queue`: how many records wait for the central server, how big, how old, and
/// whether the kiosk accepts new enrollments.
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Show the record outbox: depth, bytes, oldest unsynced age, and whether enrollments are accepted."
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(name: .long, help: "Print the daemon's JSON answer as it is.")
    var json = false

    func run() throws {
        let body = try APIRequest.get("/v1/queue", socket: connection.socketPath)
        if json {
            FileHandle.standardOutput.write(Data(body + [10]))
            return
        }
        guard let queue = try? JSONDecoder().decode(QueueStatus.self, from: Data(body)) else {
            throw CommandFailure("enrolld's queue answer could not be read; try `enrollctl queue --json`.")
        }
        print(Self.render(queue), terminator: "")
    }

    static func render(_ queue: QueueStatus) -> String {
        var lines = [
            "Storage:   \(queue.storage.rawValue)",
            "Depth:     \(queue.queue.depth) record(s) not yet receipted",
            "Bytes:     \(StatusText.bytes(queue.queue.bytes)) of \(StatusText.bytes(queue.maximumQueueBytes)) (not yet receipted)",
            "Kept:      \(StatusText.bytes(queue.queue.retainedBytes)) receipted, until their retention ends",
            "Oldest:    " + (queue.queue.oldestAgeSeconds.map { StatusText.duration($0) + " unsynced" } ?? "nothing unsynced"),
            "Chain:     \(queue.headSequence) record(s) committed in total",
            "Disk free: \(StatusText.bytes(queue.freeBytes)) (minimum \(StatusText.bytes(queue.minimumFreeBytes)))",
        ]
        lines.append(queue.accepting ? "Accepting: yes" : "Accepting: no, \(queue.refusal ?? "see the journal")")
        return lines.joined(separator: "\n") + "\n"
    }
}
