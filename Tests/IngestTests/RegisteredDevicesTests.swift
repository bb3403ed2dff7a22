import Crypto
import EnrollCore
import Ingest
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
}
