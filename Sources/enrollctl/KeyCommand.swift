import ArgumentParser
import ControlClient
import EnrollCore
import Foundation

/// `enrollctl key show`: the device's public key and id, to register the kiosk with the
/// central server. The private key never leaves the daemon.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "The kiosk's device key.",
        subcommands: [Show.self, CSR.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show the device id and Ed25519 public key (hex) to register with the central server."
        )

        @OptionGroup var connection: ConnectionOptions

        @Flag(name: .long, help: "Print the daemon's JSON answer as it is.")
        var json = false

        func run() throws {
            let body = try APIRequest.get("/v1/key", socket: connection.socketPath)
            if json {
                FileHandle.standardOutput.write(Data(body + [10]))
                return
            }
            guard let key = try? JSONDecoder().decode(DeviceKeyInfo.self, from: Data(body)) else {
                throw CommandFailure("enrolld's key answer could not be read; try `enrollctl key show --json`.")
            }
            print("Device id:  \(key.deviceID)\nAlgorithm:  \(key.algorithm)\nPublic key: \(key.publicKey)")
        }
    }

    /// `enrollctl key csr`: a certificate signing request for the device key, for the
    /// central site's CA. The daemon signs it; the private key never leaves the daemon.
    struct CSR: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csr",
            abstract: "Print a PKCS#10 certificate signing request (PEM) for the device's Ed25519 key.",
            discussion: "Subject CN=\"enrolld DEVICE-ID\". Check it with `openssl req -verify -noout -text`."
        )

        @OptionGroup var connection: ConnectionOptions

        func run() throws {
            let body = try APIRequest.get("/v1/key/csr", socket: connection.socketPath)
            FileHandle.standardOutput.write(Data(body))
        }
    }
}

/// One GET to the daemon's API; a non-200 answer becomes a one-sentence failure.
enum APIRequest {
    static func get(_ path: String, socket: String) throws -> [UInt8] {
        let response: HTTPResponse
        do {
            response = try UnixSocketClient(socketPath: socket).get(path)
        } catch {
            throw CommandFailure(error.description)
        }
        guard response.status == 200 else {
            let detail = String(decoding: response.body, as: UTF8.self)
            throw CommandFailure("enrolld answered \(response.status) \(response.reason) to \(path)\(detail.isEmpty ? "" : ": \(detail)")")
        }
        return response.body
    }
}
