#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Crypto
import EnrollCore
import Store
import TestSupport
import Trust

// Release-mode benchmark of the record path. Run:
//     swift build -c release --product enroll-bench-store
//     .build/release/enroll-bench-store [--dir DIR] [--records N] [--kib K] [--batch B] [--committers C]
// DIR must be on the kiosk's real disk (not tmpfs: fsync there is free); the default is
// .build/bench-store under the current folder. Timings are wall-clock over many
// iterations, never a unit test.

/// Writes a line to stderr (the C `stderr` global is not concurrency-safe to name).
func complain(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

var directory = FileManager.default.currentDirectoryPath + "/.build/bench-store"
var records = 1000
var kib = 200
var batch = 50
var committers = ProcessInfo.processInfo.activeProcessorCount
var options = CommandLine.arguments.dropFirst().makeIterator()
while let option = options.next() {
    guard let value = options.next() else { complain("missing value for \(option)\n"); exit(2) }
    switch option {
    case "--dir": directory = value
    case "--records": records = Int(value) ?? records
    case "--kib": kib = Int(value) ?? kib
    case "--batch": batch = Int(value) ?? batch
    case "--committers": committers = Int(value) ?? committers
    default: complain("unknown option \(option)\n"); exit(2)
    }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let d = ContinuousClock.now - start
    return d.seconds
}

let central = Curve25519.KeyAgreement.PrivateKey()
let deviceKey = DeviceKey()
let sealer = RecordSealer(deviceKey: deviceKey, recipient: central.publicKey)
var generator = SeededGenerator(seed: 42)
let now = Int64(Date().timeIntervalSince1970 * 1000)
let payloads = (0..<16).map { _ in SyntheticRecords.payload(partBytes: kib * 1024, now: now, using: &generator) }
print("enroll-bench-store: \(kib) KiB records, directory \(directory)")

/// One of the prepared payloads under a fresh record id (ids are unique in the outbox).
func payload(_ index: Int) -> RecordPayload {
    var payload = payloads[index % payloads.count]
    payload.manifest.recordID = RecordID(unixMilliseconds: now)
    return payload
}

// 1. Sign + seal alone.
let sealCount = max(200, records)
var head = ChainHead.genesis
let sealTime = try seconds {
    for i in 0..<sealCount {
        let envelope = try sealer.seal(payload(i), after: head, committedAt: now)
        head = ChainHead(sequence: envelope.sequence, hash: envelope.chainHash)
    }
}
print(String(format: "sign+seal:            %8.0f records/s  (%d records, %.1f MiB/s)", Double(sealCount) / sealTime, sealCount, Double(sealCount * kib) / 1024 / sealTime))

// 2. Verify (no open) + open with the central key.
let sample = try sealer.seal(payloads[0], after: .genesis, committedAt: now).encoded()
let verifier = RecordVerifier(devicePublicKey: try Curve25519.Signing.PublicKey(rawRepresentation: deviceKey.publicKey))
let verifyTime = try seconds { for _ in 0..<sealCount { _ = try verifier.verify(sample) } }
print(String(format: "verify envelope:      %8.0f records/s", Double(sealCount) / verifyTime))
let openTime = try seconds { for _ in 0..<sealCount { _ = try verifier.open(sample, with: central) } }
print(String(format: "verify+open:          %8.0f records/s", Double(sealCount) / openTime))

// 3. Commits to a real SQLite file, WAL + synchronous=FULL.
for (label, size) in [("one per transaction", 1), ("batched \(batch)/tx", batch)] {
    try? FileManager.default.removeItem(atPath: directory)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let store = try RecordStore.open(directory: directory, limits: .init(maximumQueueBytes: .max, minimumFreeBytes: 0, retentionMilliseconds: 0))
    var done = 0
    let time = try seconds {
        while done < records {
            let n = min(size, records - done)
            if n == 1 {
                _ = try store.append(actor: "bench", now: now) { head in try sealer.seal(payload(done), after: head, committedAt: now) }
            } else {
                _ = try store.appendBatch(count: n, actor: "bench", now: now) { head, i in
                    try sealer.seal(payload(done + i), after: head, committedAt: now)
                }
            }
            done += n
        }
    }
    print(String(format: "commit %-22@ %8.0f records/s  (%d records, %.1f MiB/s, seal included)", label as NSString, Double(records) / time, records, Double(records * kib) / 1024 / time))
}
try? FileManager.default.removeItem(atPath: directory)

// 4. The cooperative pool's responsiveness while commits run: store calls made directly from
// tasks (blocking pool threads in fsync) against calls through the store's own thread.
let each = max(1, min(records, 400) / max(1, committers))
for viaThread in [false, true] {
    try? FileManager.default.removeItem(atPath: directory)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let store = try RecordStore.open(directory: directory, limits: .init(maximumQueueBytes: .max, minimumFreeBytes: 0, retentionMilliseconds: 0))
    let thread = StoreThread(store: store)
    let figures = try await PoolProbe.measure(committers: committers, each: each) { index in
        let record = payload(index)
        if viaThread {
            _ = try await thread.run { store in try store.append(actor: "bench", now: now) { head in try sealer.seal(record, after: head, committedAt: now) } }
        } else {
            _ = try store.append(actor: "bench", now: now) { head in try sealer.seal(record, after: head, committedAt: now) }
        }
    }
    print(String(format: "1 ms sleep overrun during commits, %@: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d probes in %.1f s; %d committers, %.0f commits/s)",
                 (viaThread ? "store thread" : "on the pool ") as NSString, figures.percentile(0.5), figures.percentile(0.99), figures.percentile(1),
                 figures.latencies.count, figures.seconds, committers, Double(figures.commits) / figures.seconds))
}
try? FileManager.default.removeItem(atPath: directory)

// 5. Status reads on a full outbox: with the sizes index, then with it dropped.
do {
    try? FileManager.default.removeItem(atPath: directory)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let limits = RecordStore.Limits(maximumQueueBytes: .max, minimumFreeBytes: 0, retentionMilliseconds: 0)
    var store: RecordStore? = try RecordStore.open(directory: directory, limits: limits)
    var done = 0
    while done < records {
        let n = min(batch, records - done)
        _ = try store!.appendBatch(count: n, actor: "bench", now: now) { head, i in try sealer.seal(payload(done + i), after: head, committedAt: now) }
        done += n
    }
    let indexed = try QueueReadProbe.measure(store!, repeats: 5)
    store = nil
    try QueueReadProbe.dropSizesIndex(databasePath: directory + "/" + RecordStore.fileName)
    let scanned = try QueueReadProbe.measure(try RecordStore.open(directory: directory, limits: limits), repeats: 5)
    print(String(format: "queue summary, %d records (%.0f MiB): %.1f ms with the sizes index, %.1f ms without (%.0fx); admission %.1f ms vs %.1f ms",
                 records, Double(records * kib) / 1024, indexed.summary * 1000, scanned.summary * 1000, scanned.summary / indexed.summary,
                 indexed.admission * 1000, scanned.admission * 1000))
}
try? FileManager.default.removeItem(atPath: directory)
