#if canImport(Glibc)
import Glibc
#endif
import Crypto
@testable import EnrollDaemon
import EventLog
import Foundation
import Systemd
import TestSupport
import Testing

/// A `central:` section whose TLS files cannot be used is found by `enrolld --check-config`
/// (also as the daemon's user would read them) and at start, with the key and the file
/// named, journalled at error level, and shown by `enrollctl sync`: not as a transport error
/// once a record is queued.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "needs the openssl CLI for the test PKI"))
struct SyncStartProblemTests {
    /// A CA and a kiosk certificate made by the provisioning scripts (the real openssl CLI).
    static func pki() throws -> URL {
        let folder = try BuiltProducts.temporaryFolder().appendingPathComponent("pki")
        for arguments in [["provision-ca", folder.path], ["provision-issue", folder.path, "device", "kiosk"]] {
            let script = BuiltProducts.repositoryRoot.appendingPathComponent("scripts/\(arguments[0])").path
            let (status, _, errors) = try RunningProcess.run("/bin/sh", [script] + arguments.dropFirst(), folder: folder.deletingLastPathComponent())
            guard status == 0 else { throw ProvisionFailed(description: errors) }
        }
        return folder
    }

    struct ProvisionFailed: Error, CustomStringConvertible { let description: String }

    static func central(_ pki: URL, ca: String? = nil, url: String = "https://127.0.0.1:9") -> String {
        let seal = Curve25519.KeyAgreement.PrivateKey().publicKey.rawRepresentation.map { String(format: "%02x", $0) }.joined()
        let receipt = Curve25519.Signing.PrivateKey().publicKey.rawRepresentation.map { String(format: "%02x", $0) }.joined()
        return "central: {url: \"\(url)\", sealing_public_key: \"\(seal)\", receipt_public_key: \"\(receipt)\", "
            + "ca_file: \"\(ca ?? pki.appendingPathComponent("ca.pem").path)\", client_certificate: \"\(pki.appendingPathComponent("kiosk.pem").path)\", "
            + "client_key: \"\(pki.appendingPathComponent("kiosk.key").path)\"}"
    }

    @Test func checkConfigNamesAMissingCAFileAndPassesTheProvisionedOnes() throws {
        let pki = try Self.pki()
        let good = try DaemonProcessTests.Kiosk(extra: Self.central(pki))
        let passed = try RunningProcess.run(BuiltProducts.executable("enrolld"), ["--check-config", good.config.path], folder: good.folder)
        #expect(passed.0 == 0, "\(passed.2)")

        let missing = pki.appendingPathComponent("missing-ca.pem").path
        let bad = try DaemonProcessTests.Kiosk(extra: Self.central(pki, ca: missing))
        let refused = try RunningProcess.run(BuiltProducts.executable("enrolld"), ["--check-config", bad.config.path], folder: bad.folder)
        #expect(refused.0 == 1)
        #expect(refused.2 == "\(bad.config.path): central.ca_file \(missing): no such file\n", "\(refused.2)")
    }

    @Test func aMissingCAFileHoldsSyncAtStartAtErrorLevelAndEnrollctlSyncSaysWhy() async throws {
        let pki = try Self.pki()
        let missing = pki.appendingPathComponent("missing-ca.pem").path
        let kiosk = try DaemonProcessTests.Kiosk(extra: Self.central(pki, ca: missing))
        let daemon = try kiosk.start()
        let ready = await kiosk.notify.wait(timeout: .seconds(60)) { $0.contains { $0.hasPrefix("READY=1") } }
        try #require(ready, "no READY=1; stderr: \(daemon.stderr)")
        let entry = try #require(kiosk.entries(.syncNotStarted).first, "\(kiosk.journalEntries().compactMap { $0["MESSAGE"] })")
        #expect(entry["PRIORITY"] == "3")
        #expect(entry["MESSAGE"]?.contains("central.ca_file \(missing): no such file") == true, "\(entry["MESSAGE"] ?? "")")
        #expect(entry["ENROLLD_PATH"] == missing)

        let (status, output, errors) = try RunningProcess.run(
            BuiltProducts.executable("enrollctl"), ["sync", "--socket", kiosk.socket], folder: kiosk.folder)
        #expect(status == 0, "\(errors)")
        #expect(output.contains("State:        waiting_for_tls_files"), "\(output)")
        #expect(output.contains("Last error:   sync waits for usable TLS files: central.ca_file \(missing): no such file"), "\(output)")
        #expect(output.contains("TLS files:    sync waits for them (central.ca_file \(missing): no such file)"), "\(output)")
        daemon.signal(SIGTERM)
        #expect(await daemon.waitForExit(timeout: .seconds(60)))
    }

    /// Root reads every file; the daemon's user does not. Judged on real files and folders.
    @Test(.enabled(if: getuid() == 0, "needs root to give the test files to another owner"))
    func readabilityIsJudgedForTheDaemonsUserNotForRoot() throws {
        let folder = try BuiltProducts.temporaryFolder()
        let file = folder.appendingPathComponent("client.key").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(chmod(folder.path, 0o755) == 0)
        let nobody = UserReadability(name: "nobody", uid: 65_534, groups: [65_534])
        let owner = getuid(), group = getgid()

        #expect(chmod(file, 0o600) == 0)
        #expect(nobody.problem(reading: file)?.contains("do not let user nobody read it") == true)
        #expect(UserReadability(name: "root", uid: 0, groups: [0]).problem(reading: file) == nil)
        #expect(chmod(file, 0o644) == 0)
        #expect(nobody.problem(reading: file) == nil)
        // Group bits for a member; the owner's bits for the owner, even when the group's allow.
        #expect(chmod(file, 0o640) == 0 && chown(file, owner, 65_534) == 0)
        #expect(nobody.problem(reading: file) == nil)
        #expect(chmod(file, 0o060) == 0 && chown(file, 65_534, 65_534) == 0)
        #expect(nobody.problem(reading: file) != nil)
        // A folder on the way that does not let the user in.
        #expect(chmod(file, 0o644) == 0 && chown(file, owner, group) == 0 && chmod(folder.path, 0o700) == 0)
        #expect(nobody.problem(reading: file)?.contains("the folder \(folder.path) does not let user nobody in") == true)
        #expect(nobody.problem(reading: folder.appendingPathComponent("gone").path) != nil)
        #expect(chmod(folder.path, 0o755) == 0)
    }

    /// A technician may give enrolld a root-owned key through an ACL (`setfacl -m
    /// u:enrolld:r`) instead of the group: the kernel's answer counts, not only the bits.
    @Test(.enabled(if: getuid() == 0, "needs root to give the test files to another owner"),
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setfacl"), "needs setfacl (Debian package acl)"))
    func anACLThatLetsTheUserInOrKeepsItOutCounts() throws {
        let folder = try BuiltProducts.temporaryFolder()
        let file = folder.appendingPathComponent("client.key").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(chmod(folder.path, 0o755) == 0 && chmod(file, 0o600) == 0)
        let nobody = UserReadability(name: "nobody", uid: 65_534, groups: [65_534])
        #expect(nobody.kernelLetsRead(file) == false)
        #expect(Self.setfacl("u:nobody:r", file))
        #expect(nobody.kernelLetsRead(file) == true)
        #expect(nobody.problem(reading: file) == nil)
        // Readable by all, and an ACL entry naming the user with no rights. (With the group
        // bits at 0 Linux would skip the ACL and give the user the others' bits: so the
        // file is 644 before the entry is added, which keeps the mask at r.)
        #expect(Self.setfacl("-b", file, modify: false) && chmod(file, 0o644) == 0 && Self.setfacl("u:nobody:-", file))
        #expect(nobody.kernelLetsRead(file) == false)
        #expect(nobody.problem(reading: file)?.contains("an access control list keeps user nobody out") == true)
    }

    private static func setfacl(_ entry: String, _ path: String, modify: Bool = true) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setfacl")
        process.arguments = (modify ? ["-m", entry] : [entry]) + [path]
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test(.enabled(if: getuid() == 0, "needs root to give the test files to another owner"))
    func theCheckNamesAKeyTheDaemonsUserCannotRead() throws {
        let pki = try Self.pki()
        var configuration = DaemonConfiguration()
        configuration.central.url = "https://127.0.0.1:9"
        configuration.central.caFile = pki.appendingPathComponent("ca.pem").path
        configuration.central.clientCertificate = pki.appendingPathComponent("kiosk.pem").path
        configuration.central.clientKey = pki.appendingPathComponent("kiosk.key").path
        for path in [pki.path, pki.deletingLastPathComponent().path] { #expect(chmod(path, 0o755) == 0) }
        for name in ["ca.pem", "kiosk.pem"] { #expect(chmod(pki.appendingPathComponent(name).path, 0o644) == 0) }
        #expect(chmod(configuration.central.clientKey, 0o600) == 0)
        let nobody = UserReadability(name: "nobody", uid: 65_534, groups: [65_534])
        let problems = Daemon.centralFileProblems(configuration, user: nobody)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("central.client_key \(configuration.central.clientKey): not readable by user nobody, which enrolld runs as") == true,
                "\(problems)")
        // Readable by the group it is given to: no problem left.
        #expect(chmod(configuration.central.clientKey, 0o640) == 0 && chown(configuration.central.clientKey, 0, 65_534) == 0)
        #expect(Daemon.centralFileProblems(configuration, user: nobody).isEmpty)
        // Sync off: nothing to check.
        configuration.central.url = ""
        configuration.central.caFile = "/nonexistent"
        #expect(Daemon.centralFileProblems(configuration, user: nobody).isEmpty)
    }
}
