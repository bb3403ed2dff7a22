import Crypto
import EnrollCore
import Foundation
import Ingest
import TestSupport
import Testing

@Suite struct RegisteredDevicesTests {
    @Test func parsesLinesWithCommentsAndLabels() throws {
        let key = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation
        let pin = [UInt8](repeating: 7, count: 32)
        let text = "# kiosks\n\n" + RegisteredDevices.line(publicKey: Array(key), clientKeyHash: pin, label: "north 7") + "  # first\n"
        let devices = try RegisteredDevices(parsing: text)
        let device = try #require(devices.device(clientKeyHash: pin))
        #expect(device.label == "north 7")
        #expect(device.deviceID == Array(SHA256.hash(data: Array(key)).prefix(16)))
        #expect(devices.device(clientKeyHash: [UInt8](repeating: 8, count: 32)) == nil)
    }

    @Test(arguments: [
        "abc def",
        String(repeating: "0", count: 64),
        String(repeating: "z", count: 64) + " " + String(repeating: "0", count: 64),
        String(repeating: "0", count: 62) + " " + String(repeating: "0", count: 64),
    ])
    func refusesBrokenLines(_ line: String) {
        #expect(throws: IngestError.self) { try RegisteredDevices(parsing: "# ok\n" + line + "\n") }
    }

    static func line(_ seed: UInt8, pin: UInt8, label: String = "") -> String {
        let key = Curve25519.Signing.PrivateKey(seed: seed).publicKey.rawRepresentation
        return RegisteredDevices.line(publicKey: Array(key), clientKeyHash: [UInt8](repeating: pin, count: 32), label: label)
    }

    /// One line per kiosk: the same device key or client key twice would let one silently
    /// win, and a kiosk given a new TLS key would keep the old one valid.
    @Test func refusesADeviceKeyOrAClientKeyOnTwoLines() {
        #expect(throws: IngestError.self) { try RegisteredDevices(parsing: Self.line(1, pin: 1) + "\n" + Self.line(1, pin: 2) + "\n") }
        #expect(throws: IngestError.self) { try RegisteredDevices(parsing: Self.line(1, pin: 1) + "\n" + Self.line(2, pin: 1) + "\n") }
        #expect(throws: Never.self) { try RegisteredDevices(parsing: Self.line(1, pin: 1) + "\n" + Self.line(2, pin: 2) + "\n") }
    }

    @Test func removingALineKeepsCommentsAndTheOtherKiosks() throws {
        let text = "# city kiosks\n" + Self.line(1, pin: 1, label: "north") + "\n# spare\n" + Self.line(2, pin: 2, label: "south") + "\n"
        let (kept, removed) = try RegisteredDevices.removing(from: text) { device, _ in device.label == "north" }
        #expect(removed.map(\.label) == ["north"])
        #expect(kept == "# city kiosks\n# spare\n" + Self.line(2, pin: 2, label: "south") + "\n")
        #expect(try RegisteredDevices(parsing: kept).device(clientKeyHash: [UInt8](repeating: 1, count: 32)) == nil)
    }

    /// A registration file that stops parsing (a slip while revoking a stolen kiosk) lets
    /// nobody in, and says why, until it is mended; then the kiosks are back.
    @Test func aBrokenRegistrationFileLetsNobodyInUntilMended() throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("devices.txt").path
        let good = Self.line(1, pin: 1, label: "north") + "\n" + Self.line(2, pin: 2, label: "south") + "\n"
        try Data(good.utf8).write(to: URL(fileURLWithPath: path))
        let file = try RegistrationFile(path: path)
        let south = [UInt8](repeating: 2, count: 32)
        #expect(file.device(clientKeyHash: south)?.label == "south" && file.unreadable == nil)

        try Self.rewrite(path, "x" + Self.line(2, pin: 2, label: "south") + "\n", after: 1)
        #expect(file.device(clientKeyHash: south) == nil)
        #expect(file.unreadable?.contains("line 1") == true)

        try Self.rewrite(path, Self.line(2, pin: 2, label: "south") + "\n", after: 2)
        #expect(file.device(clientKeyHash: south)?.label == "south" && file.unreadable == nil)
    }

    /// Writes the file with a modification time `seconds` later than now, so the change is
    /// seen even within the file system's time resolution.
    static func rewrite(_ path: String, _ text: String, after seconds: TimeInterval) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(seconds)], ofItemAtPath: path)
    }
}

private extension Curve25519.Signing.PrivateKey {
    init(seed: UInt8) {
        try! self.init(rawRepresentation: [UInt8](repeating: seed, count: 32))
    }
}
