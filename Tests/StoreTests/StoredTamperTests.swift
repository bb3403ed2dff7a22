import CSQLite
import Crypto
import EnrollCore
import Foundation
import Store
import TestSupport
import Testing
import Trust

/// Tampering done where an attacker with the kiosk's disk would do it: in the database
/// file, through SQLite, behind the daemon's back. 1,000 random byte flips, byte
/// deletions, row deletions and reorderings of stored envelopes; each is read back through
/// the store and must be caught by the verifier with the matching reason.
@Suite("Tampering with the database file")
struct StoredTamperTests {
    @Test("1,000 tamperings of stored envelopes in the database are all detected with the right reason")
    func tamperInDatabase() throws {
        let fixture = try StoreFixture()
        let store = try fixture.open()
        for _ in 0..<6 { try fixture.commit(store, partBytes: 600) }
        let original = try store.envelopes().map(\.envelope)
        let head = try fixture.verifier.verifyChain(original)
        let verifier = fixture.verifier

        // The attacker's own connection: no fsync needed to fool a reader on the same machine.
        var db: OpaquePointer?
        try #require(sqlite3_open(store.path, &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        sqlite3_exec(db, "PRAGMA synchronous = OFF", nil, nil, nil)
        func exec(_ sql: String, _ blobs: [[UInt8]] = []) throws {
            var statement: OpaquePointer?
            try #require(sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, "\(String(cString: sqlite3_errmsg(db)))")
            defer { sqlite3_finalize(statement) }
            for (index, blob) in blobs.enumerated() {
                _ = blob.withUnsafeBytes { sqlite3_bind_blob(statement, Int32(index + 1), $0.baseAddress, Int32($0.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self)) }
            }
            try #require(sqlite3_step(statement) == SQLITE_DONE, "\(String(cString: sqlite3_errmsg(db)))")
        }
        func restore() throws {
            try exec("BEGIN")
            try exec("DELETE FROM outbox")
            for (index, envelope) in original.enumerated() {
                try exec("INSERT INTO outbox (sequence, record_id, envelope, envelope_hash, bytes, committed_at) VALUES (\(index + 1), randomblob(16), ?1, zeroblob(32), 0, 0)", [envelope])
            }
            try exec("COMMIT")
        }

        var rng = SeededGenerator(seed: 4242)
        var detected = 0
        for _ in 0..<1_000 {
            let victim = Int.random(in: 0..<original.count, using: &rng)
            let row = victim + 1
            let expected: VerificationFailure.Reason
            switch Int.random(in: 0..<4, using: &rng) {
            case 0:
                var bytes = original[victim]
                let offset = Int.random(in: 0..<bytes.count, using: &rng)
                bytes[offset] ^= UInt8.random(in: 1...255, using: &rng)
                try exec("UPDATE outbox SET envelope = ?1 WHERE sequence = \(row)", [bytes])
                expected = TamperReasons.forFlip(at: offset, in: bytes)
            case 1:
                var bytes = original[victim]
                bytes.remove(at: Int.random(in: 0..<bytes.count, using: &rng))
                try exec("UPDATE outbox SET envelope = ?1 WHERE sequence = \(row)", [bytes])
                expected = .malformed
            case 2:
                try exec("DELETE FROM outbox WHERE sequence = \(row)")
                expected = row == original.count ? .truncated : .missing
            default:
                var other = Int.random(in: 0..<original.count - 1, using: &rng)
                if other >= victim { other += 1 }
                // Swap the stored envelopes between two rows: storage order no longer matches.
                try exec("UPDATE outbox SET envelope = ?1 WHERE sequence = \(row)", [original[other]])
                try exec("UPDATE outbox SET envelope = ?1 WHERE sequence = \(other + 1)", [original[victim]])
                expected = .reordered
            }
            let stored = try store.envelopes().map(\.envelope)
            do {
                try verifier.verifyChain(stored, expectedHead: head)
                Issue.record("undetected tampering (expected \(expected))")
            } catch {
                #expect(error.reason == expected, "got \(error), expected \(expected)")
                if error.reason == expected { detected += 1 }
            }
            try restore()
        }
        #expect(detected == 1_000)
        #expect(try verifier.verifyChain(try store.envelopes().map(\.envelope)) == head)
    }
}

/// Which check must catch a flipped envelope byte, by offset (docs/record-format.md).
enum TamperReasons {
    static func forFlip(at offset: Int, in bytes: [UInt8]) -> VerificationFailure.Reason {
        switch offset {
        case 0..<6: .malformed
        case 6..<22, 38..<46: (try? RecordEnvelope(decoding: bytes)) == nil ? .malformed : .badSignature
        case 22..<38: .wrongDevice
        case 118..<122: .malformed
        case 46..<186: .badSignature
        default: .digestMismatch
        }
    }
}
