import ArgumentParser
import Crypto
import EnrollCore
import Foundation
import Ingest
import NIOSSL

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Allow a kiosk: append its record key and its TLS client certificate's key to the registration file.")

    @Option(help: "Registration file (created if missing).") var devices: String
    @Option(name: .customLong("device-key"), help: "The kiosk's Ed25519 public key, 64 hex digits (`enrollctl key show`).") var deviceKey: String
    @Option(name: .customLong("client-certificate"), help: "The kiosk's TLS client certificate (PEM).") var clientCertificate: String
    @Option(help: "A label for the line (no personal data).") var label = ""

    func run() throws {
        guard let key = Hex.decode(deviceKey), key.count == 32, (try? Curve25519.Signing.PublicKey(rawRepresentation: key)) != nil else {
            throw ValidationFailure("--device-key: expected 64 hex digits of an Ed25519 public key")
        }
        let certificate = try NIOSSLCertificate(file: clientCertificate, format: .pem)
        let pin = Array(SHA256.hash(data: try certificate.extractPublicKey().toSPKIBytes()))
        var text = (try? String(contentsOfFile: devices, encoding: .utf8)) ?? ""
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        text += RegisteredDevices.line(publicKey: key, clientKeyHash: pin, label: label) + "\n"
        _ = try RegisteredDevices(parsing: text)
        try Data(text.utf8).write(to: URL(fileURLWithPath: devices), options: .atomic)
        print("registered device \(Hex.encode(DeviceKeyID.of(key)))")
    }
}

enum DeviceKeyID {
    static func of(_ publicKey: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: publicKey).prefix(16)) }
}
