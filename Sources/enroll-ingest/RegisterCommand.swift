import ArgumentParser
import Crypto
import EnrollCore
import Foundation
import Ingest
import NIOSSL

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Allow a kiosk: add its record key and its TLS client certificate's key to the registration file.")

    @Option(help: "Registration file (created if missing).") var devices: String
    @Option(name: .customLong("device-key"), help: "The kiosk's Ed25519 public key, 64 hex digits (`enrollctl key show`).") var deviceKey: String
    @Option(name: .customLong("client-certificate"), help: "The kiosk's TLS client certificate (PEM).") var clientCertificate: String
    @Option(help: "A label for the line (no personal data).") var label = ""
    @Flag(help: "Replace the lines that hold this device key or this client key (a kiosk given a new TLS key): the old key stops working.")
    var replace = false

    func run() throws {
        guard let key = Hex.decode(deviceKey), key.count == 32, (try? Curve25519.Signing.PublicKey(rawRepresentation: key)) != nil else {
            throw ValidationFailure("--device-key: expected 64 hex digits of an Ed25519 public key")
        }
        let certificate = try NIOSSLCertificate(file: clientCertificate, format: .pem)
        let pin = Array(SHA256.hash(data: try certificate.extractPublicKey().toSPKIBytes()))
        let file = RegistrationText(path: devices)
        var (text, replaced) = try RegisteredDevices.removing(from: try file.read()) { device, clientKeyHash in
            device.publicKey == key || clientKeyHash == pin
        }
        if !replaced.isEmpty, !replace {
            throw ValidationFailure("this device key or client key is registered already (\(replaced.map(RegistrationText.describe).joined(separator: "; "))); add --replace to replace it")
        }
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        text += RegisteredDevices.line(publicKey: key, clientKeyHash: pin, label: label) + "\n"
        try file.write(text)
        for old in replaced { print("replaced \(RegistrationText.describe(old))") }
        print("registered device \(Hex.encode(RegisteredDevices.deviceID(of: key)))")
    }
}
