#if canImport(Glibc)
import Glibc
#endif
import Crypto
import EnrollCore
import Foundation
import Store
import TestSupport
import Testing
import Trust

/// Starts `enroll-crashwriter` (a real process committing records one per transaction) and
/// kills it with SIGKILL at a random moment, ≥ 300 times. After each kill the store is
/// reopened in this process: every record the writer acknowledged is there with the hash
/// it reported, the whole chain verifies, nothing partial is visible, and
/// `PRAGMA integrity_check` is ok.
@Suite("Crash safety under SIGKILL", .serialized)
struct CrashHarnessTests {
    static let writer = BuiltProducts.executable("enroll-crashwriter")
    static let iterations = max(300, Int(ProcessInfo.processInfo.environment["ENROLLD_CRASH_ITERATIONS"] ?? "") ?? 300)

    @Test("Acknowledged records survive 300 random SIGKILLs and the chain stays whole",
          .enabled(if: FileManager.default.isExecutableFile(atPath: writer), "enroll-crashwriter was not built beside the tests"))
    func killRepeatedly() async throws {
        let folder = try BuiltProducts.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let device = try DeviceKey.loadOrCreate(in: state.path)
        let verifier = RecordVerifier(devicePublicKey: try Curve25519.Signing.PublicKey(rawRepresentation: device.publicKey))
        let central = Curve25519.KeyAgreement.PrivateKey()
        let centralHex = Hex.encode(central.publicKey.rawRepresentation)

        var rng = SeededGenerator(seed: UInt64(ProcessInfo.processInfo.environment["ENROLLD_CRASH_SEED"] ?? "") ?? 20261130)
        var acknowledged: [UInt64: String] = [:]
        var verifiedHead = ChainHead.genesis
        var killsWhileWriting = 0

        for iteration in 0..<Self.iterations {
            let partBytes = Int.random(in: 1_000...40_000, using: &rng)
            let running = try RunningProcess(Self.writer, [state.path, centralHex, "\(partBytes)", "\(rng.next())"], folder: folder)
            // Mostly mid-stream (after the writer said "ready"); one in ten during start-up
            // (key load, open, integrity check, migrations).
            if Int.random(in: 0..<10, using: &rng) == 0 {
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...30, using: &rng)))
            } else {
                let deadline = ContinuousClock.now + .seconds(10)
                while !running.stdout.hasPrefix("ready"), running.process.isRunning, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(2))
                }
                try await Task.sleep(for: .microseconds(Int.random(in: 0...60_000, using: &rng)))
            }
            running.signal(SIGKILL)
            running.process.waitUntilExit()
            #expect(running.process.terminationReason == .uncaughtSignal || running.process.terminationStatus == 0,
                    "writer failed on its own: \(running.stderr)")

            let lines = running.stdout.split(separator: "\n", omittingEmptySubsequences: true)
            var acksThisRun = 0
            for line in lines {
                let fields = line.split(separator: " ")
                guard fields.count == 3, fields[0] == "ack", let sequence = UInt64(fields[1]), fields[2].count == 64 else { continue }
                acknowledged[sequence] = String(fields[2])
                acksThisRun += 1
            }
            if acksThisRun > 0 { killsWhileWriting += 1 }

            let store = try RecordStore.open(directory: state.path, limits: .init(maximumQueueBytes: .max, minimumFreeBytes: 0, retentionMilliseconds: 0))
            #expect(try store.integrityCheck() == ["ok"], "integrity after kill \(iteration)")
            var next = verifiedHead.sequence + 1
            while true {
                let batch = try store.envelopes(from: next, limit: 200)
                if batch.isEmpty { break }
                verifiedHead = try verifier.verifyChain(batch.map(\.envelope), from: verifiedHead)
                for (sequence, envelope) in batch where acknowledged[sequence] != nil {
                    #expect(Hex.encode(RecordEnvelope.chainHash(of: envelope)) == acknowledged[sequence], "record \(sequence) differs from its acknowledgement")
                }
                next = verifiedHead.sequence + 1
            }
            let maxAcknowledged = acknowledged.keys.max() ?? 0
            #expect(verifiedHead.sequence >= maxAcknowledged, "kill \(iteration): acknowledged \(maxAcknowledged) but the chain ends at \(verifiedHead.sequence)")
            #expect(try store.head() == verifiedHead)
            if verifiedHead.sequence < maxAcknowledged { break }
        }
        // The harness did what it claims: kills landed while records were being committed.
        #expect(killsWhileWriting >= Self.iterations / 2, "only \(killsWhileWriting) of \(Self.iterations) kills hit a writing process")
        #expect(verifiedHead.sequence > UInt64(Self.iterations))
        print("crash harness: \(Self.iterations) kills, \(killsWhileWriting) mid-stream, \(verifiedHead.sequence) records verified")
    }
}
