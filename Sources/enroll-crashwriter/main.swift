#if canImport(Glibc)
import Glibc
#endif
import EnrollCore
import Store
import TestSupport
import Trust

// Test-only writer for the crash harness (Tests/StoreTests/CrashHarnessTests.swift):
//     enroll-crashwriter <state-dir> <central-x25519-public-hex> <part-bytes> <seed>
// Commits synthetic records one per transaction, as fast as it can, and writes
// "ack <sequence> <hash-hex>" to stdout (unbuffered) after each COMMIT returns, until it
// is killed. Every line it wrote is a record the harness may demand after the restart.

/// Writes a line to stderr (the C `stderr` global is not concurrency-safe to name).
func complain(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

let arguments = CommandLine.arguments
guard arguments.count == 5, let central = Hex.decode(arguments[2]), let partBytes = Int(arguments[3]), let seed = UInt64(arguments[4]) else {
    complain("usage: enroll-crashwriter <state-dir> <central-x25519-public-hex> <part-bytes> <seed>\n")
    exit(2)
}
let directory = arguments[1]

func say(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
}

do {
    let key = try DeviceKey.loadOrCreate(in: directory)
    let sealer = try RecordSealer(deviceKey: key, recipientRawKey: central)
    let store = try RecordStore.open(directory: directory, limits: .init(maximumQueueBytes: .max, minimumFreeBytes: 0, retentionMilliseconds: 0))
    var generator = SeededGenerator(seed: seed)
    say("ready \(try store.head().sequence)")
    while true {
        let now = Int64(time(nil)) * 1000
        let payload = SyntheticRecords.payload(partBytes: partBytes, now: now, using: &generator)
        let committed = try store.append(actor: payload.manifest.operatorID, now: now) { head in
            try sealer.seal(payload, after: head, committedAt: now)
        }
        say("ack \(committed.sequence) \(Hex.encode(committed.hash))")
    }
} catch {
    complain("enroll-crashwriter: \(error)\n")
    exit(1)
}
