import Crypto
import EnrollCore
import Foundation
import Store
import TestSupport
import Testing
import Trust

/// Every one-off command that opens the receiver's SQLite storage (list, find, export,
/// erase, accept-gap, import-outbox), pointed where `serve` made no receiver database: a
/// missing file (the default `ingest.sqlite` in another folder, a relative path, a mistyped
/// one), a folder, a kiosk's outbox, an empty file, junk. Each time: exit status non-zero, a
/// message naming the path as an absolute one and saying to give --database or --postgres,
/// and no file created or changed (not even a `-wal` beside it).
@Suite(.enabled(if: IngestHarness.available, "needs the openssl CLI for the test PKI"))
struct IngestNoDatabaseTests {
    struct Place {
        let arguments: [String]
        let path: String
        let saying: String
    }

    @Test func everyOneOffCommandRefusesAPlaceWithNoReceiverDatabase() async throws {
        let harness = try IngestHarness()
        let fixture = try SyncFixture(harness: harness, records: 2)
        try harness.register(devicePublicKey: fixture.deviceKey.publicKey)
        try fixture.store.checkpointTruncate()
        let outbox = fixture.storeFolder.appendingPathComponent(RecordStore.fileName).path
        // The folder the commands run in: not the one serve ran in.
        let elsewhere = harness.folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let empty = elsewhere.appendingPathComponent("empty.sqlite")
        _ = FileManager.default.createFile(atPath: empty.path, contents: Data())
        let junk = elsewhere.appendingPathComponent("junk.sqlite")
        try Data(repeating: 0x5A, count: 8192).write(to: junk)
        let before = try Self.fingerprints([outbox, empty.path, junk.path])

        let places = [
            Place(arguments: [], path: elsewhere.appendingPathComponent("ingest.sqlite").path, saying: "no receiver database at"),
            Place(arguments: ["--database", "typo/ingest.sqlite"], path: elsewhere.appendingPathComponent("typo/ingest.sqlite").path, saying: "no receiver database at"),
            Place(arguments: ["--database", elsewhere.path], path: elsewhere.path, saying: "is a folder"),
            Place(arguments: ["--database", outbox], path: outbox, saying: "not a receiver database"),
            Place(arguments: ["--database", "empty.sqlite"], path: empty.path, saying: "not a receiver database"),
            Place(arguments: ["--database", junk.path], path: junk.path, saying: "is not a readable receiver database"),
        ]
        let id = RecordID(unixMilliseconds: 1_780_000_000_000).description
        let devices = harness.devices.path
        let commands: [[String]] = [
            ["list", "--devices", devices],
            ["find", "0BADCAFE", "--devices", devices],
            ["export", id, "--sealing-key", harness.keys.appendingPathComponent("sealing.key").path, "--devices", devices,
             "--out", elsewhere.appendingPathComponent("copy").path],
            ["erase", id, "--devices", devices],
            ["accept-gap", "--devices", devices, "--label", "kiosk"],
            ["audit", "--devices", devices, "--label", "kiosk"],
            ["import-outbox", outbox, "--devices", devices, "--receipt-key", harness.keys.appendingPathComponent("receipt.key").path],
        ]
        for command in commands {
            for place in places {
                let run = try Self.run(command + place.arguments, in: elsewhere, output: harness.folder)
                let what = "\(command[0]) \(place.arguments)"
                #expect(run.0 != 0, "\(what): exit 0: \(run.1)")
                #expect(run.2.contains(place.saying) && run.2.contains(place.path), "\(what): \(run.2)")
                #expect(run.2.contains("give --database") && run.2.contains("--postgres"), "\(what): says what to do: \(run.2)")
                #expect(!run.2.contains("storage_unreadable"), "\(what): the message, not an internal code: \(run.2)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).sorted() == ["empty.sqlite", "junk.sqlite"])
        #expect(try Self.fingerprints([outbox, empty.path, junk.path]) == before, "no file was written to")
        #expect(!FileManager.default.fileExists(atPath: harness.database.path))
    }

    /// enroll-ingest run in `folder` (where a relative `--database` is looked for), its
    /// output kept in `output`; its exit status, output and errors.
    static func run(_ arguments: [String], in folder: URL, output: URL) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProducts.executable("enroll-ingest"))
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let (out, err) = (output.appendingPathComponent("run.out"), output.appendingPathComponent("run.err"))
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }

    /// Each file's size and SHA-256.
    static func fingerprints(_ paths: [String]) throws -> [String] {
        try paths.map { path in
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            return "\(bytes.count) \(Hex.encode(Array(SHA256.hash(data: bytes))))"
        }
    }
}
