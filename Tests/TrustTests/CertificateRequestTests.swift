import Foundation
import Testing
@testable import Trust

/// The device key's PKCS#10 request, read and its signature verified by the real openssl,
/// which also shows the subject and the key as the central CA will see them.
@Suite struct CertificateRequestTests {
    static let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: openssl != nil, "needs openssl (Debian package openssl)"))
    func opensslVerifiesTheRequestAndSeesTheDeviceKey() throws {
        let key = DeviceKey()
        let pem = try CertificateRequest.pem(for: key, commonName: "enrolld 00112233445566778899aabbccddeeff")
        let (status, output) = try Self.run(["req", "-verify", "-noout", "-text"], input: pem)
        #expect(status == 0, "\(output)")
        #expect(output.contains("verify OK") || output.contains("Certificate request self-signature verify OK"), "\(output)")
        #expect(output.contains("CN = enrolld 00112233445566778899aabbccddeeff") || output.contains("CN=enrolld 00112233445566778899aabbccddeeff"), "\(output)")
        #expect(output.contains("ED25519"), "\(output)")
        // openssl prints the public key's bytes as hex pairs separated by colons.
        let printed = output.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ":", with: "")
        #expect(printed.contains(key.publicKey.map { String(format: "%02x", $0) }.joined()), "\(output)")
    }

    @Test(.enabled(if: openssl != nil, "needs openssl (Debian package openssl)"))
    func aChangedByteBreaksTheSignature() throws {
        var der = try CertificateRequest.der(for: DeviceKey(), commonName: "enrolld kiosk")
        // The first byte of the common name, inside the signed request info.
        let name = Array("enrolld kiosk".utf8)
        let index = try #require((0...(der.count - name.count)).first { Array(der[$0..<$0 + name.count]) == name })
        der[index] = UInt8(ascii: "E")
        let pem = "-----BEGIN CERTIFICATE REQUEST-----\n" + Data(der).base64EncodedString(options: [.lineLength64Characters]) + "\n-----END CERTIFICATE REQUEST-----\n"
        let (_, output) = try Self.run(["req", "-verify", "-noout"], input: pem)
        // openssl 3.0 exits 0 either way; what it prints is the verdict.
        #expect(output.contains("verify failure") && !output.contains("verify OK"), "\(output)")
    }

    @Test func longNamesUseTheLongLengthForm() {
        let content = [UInt8](repeating: 0x41, count: 300)
        #expect(Array(CertificateRequest.tagged(0x0C, content).prefix(4)) == [0x0C, 0x82, 0x01, 0x2C])
        #expect(Array(CertificateRequest.tagged(0x0C, [0x41]).prefix(2)) == [0x0C, 0x01])
    }

    static func run(_ arguments: [String], input: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl!)
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
