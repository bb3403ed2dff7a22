// Release-mode benchmark of the upload path (README, "Sync"): drains N records of S KiB
// from a real outbox to a real enroll-ingest over mutual TLS on loopback, then posts the
// same batches' bytes with curl to a second, fresh receiver as the baseline.
//
//   swift build -c release --product enroll-ingest && swift build -c release --product enroll-bench-sync
//   (one --product per build: given two, SwiftPM builds only the last)
//   .build/release/enroll-bench-sync [records] [KiB] [batch]
import Crypto
import EnrollCore
import Foundation
import Logging
import Store
import Sync
import TestSupport
import Trust

let arguments = CommandLine.arguments.dropFirst().compactMap(Int.init)
let count = arguments.count > 0 ? arguments[0] : 10_000
let kib = arguments.count > 1 ? arguments[1] : 200
let batch = arguments.count > 2 ? arguments[2] : 50

func shell(_ arguments: [String], in folder: URL) throws -> String {
    let (status, out, err) = try RunningProcess.run(arguments[0], Array(arguments.dropFirst()), folder: folder)
    guard status == 0 else { throw BenchFailure("\(arguments.joined(separator: " ")): \(err)") }
    return out
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

let folder = try BuiltProducts.temporaryFolder()
defer { try? FileManager.default.removeItem(at: folder) }
let scripts = BuiltProducts.repositoryRoot.appendingPathComponent("scripts").path
// Beside this executable: the release build of enroll-ingest.
let ingest = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("enroll-ingest").path
let pki = folder.appendingPathComponent("pki").path
_ = try shell(["/bin/sh", scripts + "/provision-ca", pki], in: folder)
_ = try shell(["/bin/sh", scripts + "/provision-issue", pki, "server", "server"], in: folder)
_ = try shell(["/bin/sh", scripts + "/provision-issue", pki, "device", "kiosk"], in: folder)
let keys = folder.appendingPathComponent("keys").path
_ = try shell([ingest, "keygen", "--directory", keys], in: folder)
func hex(_ name: String) throws -> [UInt8] {
    Hex.decode(try String(contentsOfFile: keys + "/" + name, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))!
}

// The outbox: count records sealed to the receiver's key, committed 100 per transaction.
let deviceKey = DeviceKey()
let storeFolder = folder.appendingPathComponent("kiosk")
try FileManager.default.createDirectory(at: storeFolder, withIntermediateDirectories: true)
let store = try RecordStore.open(directory: storeFolder.path, limits: .init(maximumQueueBytes: 1 << 40, minimumFreeBytes: 0, retentionMilliseconds: 86_400_000))
let sealer = RecordSealer(deviceKey: deviceKey, recipient: try Curve25519.KeyAgreement.PublicKey(rawRepresentation: hex("sealing.pub")))
var generator = SeededGenerator(seed: 1)
var made = 0
while made < count {
    let chunk = min(100, count - made)
    _ = try store.appendBatch(count: chunk, actor: "bench", now: 1_780_000_000_000) { head, _ in
        let now = 1_780_000_000_000 + Int64(head.sequence)
        return try sealer.seal(SyntheticRecords.payload(partBytes: kib << 10, now: now, using: &generator), after: head, committedAt: now)
    }
    made += chunk
}
let envelopeBytes = try store.summary().bytes
print("outbox: \(count) records, \(envelopeBytes / 1_000_000) MB of envelopes; batches of \(batch)")

/// Starts a receiver on a fresh database; returns the process and its port.
func startReceiver(_ name: String, devices: String) async throws -> (RunningProcess, Int) {
    let process = try RunningProcess(ingest, [
        "serve", "--port", "0", "--certificate", pki + "/server.pem", "--key", pki + "/server.key", "--client-ca", pki + "/ca.pem",
        "--devices", devices, "--receipt-key", keys + "/receipt.key", "--database", folder.appendingPathComponent("\(name).sqlite").path,
        // As the figures in the README were measured: the receiver's transport and storage,
        // not its opening of every record.
        "--no-open-check",
    ], folder: folder)
    for _ in 0..<1200 {
        if let line = process.stdout.split(separator: "\n").first(where: { $0.contains("listening on") }),
           let port = line.split(separator: ":").last.flatMap({ Int($0) }) { return (process, port) }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw BenchFailure("enroll-ingest did not start: \(process.stderr)")
}

let devices = folder.appendingPathComponent("devices.txt").path
FileManager.default.createFile(atPath: devices, contents: Data())
_ = try shell([ingest, "register", "--devices", devices, "--device-key", Hex.encode(deviceKey.publicKey), "--client-certificate", pki + "/kiosk.pem"], in: folder)

// 1. The uploader.
let (first, port) = try await startReceiver("uploader", devices: devices)
var settings = SyncSettings(url: "https://127.0.0.1:\(port)", caFile: pki + "/ca.pem", clientCertificate: pki + "/kiosk.pem", clientKey: pki + "/kiosk.key")
settings.batchRecords = batch
settings.batchBytes = 64 << 20
settings.idlePollMilliseconds = 50
var logger = Logger(label: "bench")
logger.logLevel = .error
let queue = CountingQueue(store: store)
let uploader = Uploader(settings: settings, queue: queue, transport: try HTTPIngestTransport(settings: settings),
                        verifier: ReceiptVerifier(receiptKey: try Curve25519.Signing.PublicKey(rawRepresentation: hex("receipt.pub"))), logger: logger)
let started = ContinuousClock.now
let task = Task { try await uploader.run() }
while queue.receiptsStored < count { try await Task.sleep(for: .milliseconds(5)) }
let uploadTime = ContinuousClock.now - started
task.cancel()
_ = await task.result
first.signal(SIGTERM)
guard try store.summary().depth == 0 else { throw BenchFailure("records left without a receipt after the drain") }

// 2. The baseline: the same framed bytes, batch by batch, posted by curl on one connection.
let bodies = folder.appendingPathComponent("bodies")
try FileManager.default.createDirectory(at: bodies, withIntermediateDirectories: true)
var bodyFiles: [String] = []
var sequence: UInt64 = 1
while sequence <= UInt64(count) {
    let envelopes = try store.envelopes(from: sequence, limit: batch).map(\.envelope)
    let path = bodies.appendingPathComponent("\(bodyFiles.count)").path
    guard FileManager.default.createFile(atPath: path, contents: Data(RecordBatch.encode(envelopes))) else { fatalError("cannot write \(path)") }
    bodyFiles.append(path)
    sequence += UInt64(envelopes.count)
}
let responses = folder.appendingPathComponent("responses")
try FileManager.default.createDirectory(at: responses, withIntermediateDirectories: true)
let baseline = CurlBaseline(bodies: bodyFiles, responses: responses, pki: pki)
let (second, port2) = try await startReceiver("curl", devices: devices)
let curlStarted = ContinuousClock.now
let curlReport = try shell(["/usr/bin/curl"] + baseline.arguments(port: port2), in: folder)
let curlTime = ContinuousClock.now - curlStarted
second.signal(SIGTERM)
let connections = try baseline.verify(writeOut: curlReport, count: count)

let up = uploadTime.seconds, base = curlTime.seconds
print(String(format: "uploader: %.1f s, %.0f records/s, %.1f MB/s (receipts verified and stored)", up, Double(count) / up, Double(envelopeBytes) / up / 1e6))
print(String(format: "curl:     %.1f s, %.0f records/s, %.1f MB/s (same bytes, same batches, %d TLS connection(s), all stored)", base, Double(count) / base, Double(envelopeBytes) / base / 1e6, connections))
print(String(format: "uploader at %.0f %% of the curl baseline", 100 * base / up))
