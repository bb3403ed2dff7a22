import Crypto
import EnrollCore
import Foundation

/// Which kiosks may upload: each line of the registration file pairs a device's Ed25519
/// record-signing public key with the SHA-256 of its TLS client certificate's public key
/// (SubjectPublicKeyInfo, DER). The TLS layer has already checked the certificate against
/// the CA; this pins the key so one kiosk's certificate cannot upload another's records.
///
///     # device-public-key (64 hex)   client-key-sha256 (64 hex)   optional label
///     3b6a27bc...                    9f86d081...                  kiosk-north-7
public struct RegisteredDevices: DeviceLookup {
    public struct Device: Sendable, Equatable {
        public let publicKey: [UInt8]
        public let deviceID: [UInt8]
        public let label: String
    }

    private let byClientKey: [[UInt8]: Device]

    public init(_ entries: [(publicKey: [UInt8], clientKeyHash: [UInt8], label: String)]) {
        var map: [[UInt8]: Device] = [:]
        for entry in entries {
            let id = Array(SHA256.hash(data: entry.publicKey).prefix(16))
            map[entry.clientKeyHash] = Device(publicKey: entry.publicKey, deviceID: id, label: entry.label)
        }
        byClientKey = map
    }

    /// The device whose client key hashes to `clientKeyHash`, if registered.
    public func device(clientKeyHash: [UInt8]) -> Device? { byClientKey[clientKeyHash] }

    public var count: Int { byClientKey.count }

    /// The device with this id (the first 16 bytes of its key's SHA-256), if registered.
    public func device(deviceID: [UInt8]) -> Device? { byClientKey.values.first { $0.deviceID == deviceID } }

    /// Parses the file's text; errors name the line.
    public init(parsing text: String) throws(IngestError) {
        var entries: [(publicKey: [UInt8], clientKeyHash: [UInt8], label: String)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.isEmpty { continue }
            guard fields.count >= 2, let key = Hex.decode(String(fields[0])), key.count == 32,
                  (try? Curve25519.Signing.PublicKey(rawRepresentation: key)) != nil,
                  let pin = Hex.decode(String(fields[1])), pin.count == 32
            else { throw .malformed("device registrations, line \(index + 1): expected <64 hex public key> <64 hex client key sha256> [label]") }
            entries.append((key, pin, fields.dropFirst(2).joined(separator: " ")))
        }
        self.init(entries)
    }

    /// Reads the registration file.
    public static func load(path: String) throws -> RegisteredDevices {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try RegisteredDevices(parsing: text)
    }

    /// One line for the file.
    public static func line(publicKey: [UInt8], clientKeyHash: [UInt8], label: String) -> String {
        "\(Hex.encode(publicKey)) \(Hex.encode(clientKeyHash))\(label.isEmpty ? "" : " " + label)"
    }
}
