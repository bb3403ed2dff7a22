import ArgumentParser
import Crypto
import EnrollCore
import Foundation

struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create the receipt-signing and sealing keys; prints the public halves for the kiosk's central: section.")

    @Option(help: "Folder to write receipt.key, receipt.pub, sealing.key, sealing.pub into.") var directory: String

    func run() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let receipt = Curve25519.Signing.PrivateKey()
        let sealing = Curve25519.KeyAgreement.PrivateKey()
        for (name, bytes, secret) in [("receipt.key", receipt.rawRepresentation, true), ("receipt.pub", receipt.publicKey.rawRepresentation, false),
                                      ("sealing.key", sealing.rawRepresentation, true), ("sealing.pub", sealing.publicKey.rawRepresentation, false)] {
            let path = directory + "/" + name
            guard !FileManager.default.fileExists(atPath: path) else { throw ValidationFailure("\(path) exists: refusing to replace a key") }
            try ServerKeys.write(path, bytes, secret: secret)
        }
        print("sealing_public_key: \(Hex.encode(Array(sealing.publicKey.rawRepresentation)))")
        print("receipt_public_key: \(Hex.encode(Array(receipt.publicKey.rawRepresentation)))")
    }
}
