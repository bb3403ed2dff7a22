import ArgumentParser
import ControlClient
import Foundation

/// `enrollctl`: the technicians' tool. It talks to the daemon's API only and never opens
/// the daemon's files, so it needs no more rights than membership of the enrolld group.
@main
struct Enrollctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrollctl",
        abstract: "Inspect and operate the enrolld biometric enrollment daemon.",
        subcommands: [
            StatusCommand.self, DevicesCommand.self, QueueCommand.self, KeyCommand.self,
            ReaderCommand.self, CameraCommand.self, DemoCommand.self,
            QualityCommand.self,
            GalleryCommand.self, EvalCommand.self,
            OperatorsCommand.self, DiagnoseCommand.self, AuditCommand.self,
            SyncCommand.self,
            StationCommand.self, MaintenanceCommand.self,
        ]
    )
}

/// Options every subcommand that talks to the daemon shares.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "The daemon's API socket (default: $ENROLLD_SOCKET or /run/enrolld/api.sock).")
    var socket: String?

    /// `POST path` with a JSON body; the body of a 200 answer, or a sentence for anything else.
    func post(_ path: String, json: [UInt8], timeoutSeconds: Int) throws -> [UInt8] {
        let response: HTTPResponse
        do {
            response = try UnixSocketClient(socketPath: socketPath, timeoutSeconds: timeoutSeconds)
                .request(method: "POST", path: path, body: json, contentType: "application/json")
        } catch {
            throw CommandFailure(error.description)
        }
        guard response.status == 200 else { throw Self.refusal(response, to: path) }
        return response.body
    }

    /// `GET path` on the daemon; the body of a 200 answer, or a sentence for anything else.
    func fetch(_ path: String) throws -> [UInt8] {
        let response: HTTPResponse
        do {
            response = try UnixSocketClient(socketPath: socketPath).get(path)
        } catch {
            throw CommandFailure(error.description)
        }
        guard response.status == 200 else { throw Self.refusal(response, to: path) }
        return response.body
    }

    /// `POST path` on the daemon; the body of a 2xx answer, or the daemon's reason.
    func post(_ path: String, body: [UInt8], timeoutSeconds: Int) throws -> [UInt8] {
        let response: HTTPResponse
        do {
            response = try UnixSocketClient(socketPath: socketPath, timeoutSeconds: timeoutSeconds)
                .request(method: "POST", path: path, body: body, contentType: "application/octet-stream")
        } catch {
            throw CommandFailure(error.description)
        }
        guard (200..<300).contains(response.status) else { throw Self.refusal(response, to: path) }
        return response.body
    }

    /// A refused request as one sentence: the daemon's own message when its answer carries
    /// one (`{"error":{"message":…}}` from the server, `{"error":code,"message":…}` from the
    /// API), never the raw JSON.
    static func refusal(_ response: HTTPResponse, to path: String) -> CommandFailure {
        let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        let message = (object?["error"] as? [String: Any])?["message"] as? String ?? object?["message"] as? String
        let text = message ?? String(decoding: response.body.prefix(500), as: UTF8.self)
        return CommandFailure("enrolld answered \(response.status) \(response.reason) to \(path)" + (text.isEmpty ? "." : ": \(text)"))
    }

    var socketPath: String {
        socket ?? ProcessInfo.processInfo.environment["ENROLLD_SOCKET"].flatMap { $0.isEmpty ? nil : $0 } ?? "/run/enrolld/api.sock"
    }
}
