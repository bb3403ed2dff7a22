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
            map[entry.clientKeyHash] = Device(publicKey: entry.publicKey, deviceID: Self.deviceID(of: entry.publicKey), label: entry.label)
        }
        byClientKey = map
    }

    /// The device whose client key hashes to `clientKeyHash`, if registered.
    public func device(clientKeyHash: [UInt8]) -> Device? { byClientKey[clientKeyHash] }

    public var count: Int { byClientKey.count }

    /// The device with this id (the first 16 bytes of its key's SHA-256), if registered.
    public func device(deviceID: [UInt8]) -> Device? { byClientKey.values.first { $0.deviceID == deviceID } }

    /// Parses the file's text; errors name the line. A device key or a client key on two
    /// lines is refused: one of them would silently win, and a kiosk given a new TLS key
    /// would keep its old one valid.
    public init(parsing text: String) throws(IngestError) {
        var entries: [(publicKey: [UInt8], clientKeyHash: [UInt8], label: String)] = []
        var seenKeys: [[UInt8]: Int] = [:], seenPins: [[UInt8]: Int] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let entry = try Self.entry(raw, line: index + 1) else { continue }
            if let first = seenKeys[entry.publicKey] {
                throw .malformed("device registrations, line \(index + 1): the device key of line \(first) again; remove one (enroll-ingest revoke, or register --replace)")
            }
            if let first = seenPins[entry.clientKeyHash] {
                throw .malformed("device registrations, line \(index + 1): the client key of line \(first) again; remove one (enroll-ingest revoke, or register --replace)")
            }
            (seenKeys[entry.publicKey], seenPins[entry.clientKeyHash]) = (index + 1, index + 1)
            entries.append(entry)
        }
        self.init(entries)
    }

    /// One line's registration, nil for a blank or comment line.
    static func entry(_ raw: Substring, line: Int) throws(IngestError) -> (publicKey: [UInt8], clientKeyHash: [UInt8], label: String)? {
        let text = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if fields.isEmpty { return nil }
        guard fields.count >= 2, let key = Hex.decode(String(fields[0])), key.count == 32,
              (try? Curve25519.Signing.PublicKey(rawRepresentation: key)) != nil,
              let pin = Hex.decode(String(fields[1])), pin.count == 32
        else { throw .malformed("device registrations, line \(line): expected <64 hex public key> <64 hex client key sha256> [label]") }
        return (key, pin, fields.dropFirst(2).joined(separator: " "))
    }

    /// The file's text without the registrations `drop` picks (comments and other lines kept
    /// as they are), and the devices removed.
    public static func removing(from text: String, where drop: (Device, _ clientKeyHash: [UInt8]) -> Bool) throws(IngestError) -> (text: String, removed: [Device]) {
        var kept: [Substring] = []
        var removed: [Device] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let entry = try entry(raw, line: index + 1) {
                let device = Device(publicKey: entry.publicKey, deviceID: deviceID(of: entry.publicKey), label: entry.label)
                if drop(device, entry.clientKeyHash) {
                    removed.append(device)
                    continue
                }
            }
            kept.append(raw)
        }
        return (kept.joined(separator: "\n"), removed)
    }

    /// A device's id: the first 16 bytes of its public key's SHA-256.
    public static func deviceID(of publicKey: [UInt8]) -> [UInt8] { Array(SHA256.hash(data: publicKey).prefix(16)) }

    /// Every registration, in no particular order.
    public var all: [Device] { Array(byClientKey.values) }

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
