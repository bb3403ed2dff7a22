import EnrollCore
import Foundation
import TestSupport
import Testing
import Trust

/// 1,000 random single-byte flips, byte deletions, record deletions, reorderings and
/// payload swaps of envelopes read back from a real chain: every one must be detected, and
/// with the reason that matches what was done.
@Suite("Tampering with stored envelopes")
struct TamperTests {
    let fixtures = TrustFixtures()

    enum Tamper: CaseIterable { case flipByte, deleteByte, deleteRecord, reorder, swapPayloads }

    @Test("1,000 random tamperings are all detected with the right reason")
    func thousandTamperings() throws {
        let chain = try fixtures.chain(6, partBytes: 300, seed: 77)
        let verifier = fixtures.verifier
        let head = try verifier.verifyChain(chain)
        #expect(head.sequence == 6)

        var rng = SeededGenerator(seed: 2026)
        var detected = 0
        var counts: [String: Int] = [:]
        for _ in 0..<1_000 {
            var envelopes = chain
            let kind = Tamper.allCases.randomElement(using: &rng)!
            let victim = Int.random(in: 0..<envelopes.count, using: &rng)
            let expected: VerificationFailure.Reason
            switch kind {
            case .flipByte:
                let offset = Int.random(in: 0..<envelopes[victim].count, using: &rng)
                envelopes[victim][offset] ^= UInt8.random(in: 1...255, using: &rng)
                expected = Self.reasonForFlip(at: offset, in: envelopes[victim])
            case .deleteByte:
                envelopes[victim].remove(at: Int.random(in: 0..<envelopes[victim].count, using: &rng))
                expected = .malformed
            case .deleteRecord:
                envelopes.remove(at: victim)
                // The last one gone leaves a valid shorter chain: caught only against the known head.
                expected = victim == chain.count - 1 ? .truncated : .missing
            case .reorder:
                var other = Int.random(in: 0..<envelopes.count - 1, using: &rng)
                if other >= victim { other += 1 }
                envelopes.swapAt(victim, other)
                expected = .reordered
            case .swapPayloads:
                let other = (victim + 1) % envelopes.count
                var a = try RecordEnvelope(decoding: envelopes[victim])
                a.sealed = try RecordEnvelope(decoding: envelopes[other]).sealed
                envelopes[victim] = a.encoded()
                expected = .digestMismatch
            }
            do {
                try verifier.verifyChain(envelopes, expectedHead: head)
                Issue.record("\(kind) at \(victim) went undetected")
            } catch {
                #expect(error.reason == expected, "\(kind) at \(victim): got \(error), expected \(expected)")
                if error.reason == expected { detected += 1 }
            }
            counts["\(kind)", default: 0] += 1
        }
        #expect(detected == 1_000)
        #expect(counts.count == Tamper.allCases.count, "every kind of tampering was exercised: \(counts)")
    }

    /// Which check must catch a flipped byte, by where it is (docs/record-format.md).
    static func reasonForFlip(at offset: Int, in bytes: [UInt8]) -> VerificationFailure.Reason {
        switch offset {
        case 0..<6: return .malformed                      // magic, version, reserved
        case 6..<22:                                      // record id: version/variant bits are structure
            return (try? RecordEnvelope(decoding: bytes)) == nil ? .malformed : .badSignature
        case 22..<38: return .wrongDevice                  // device id
        case 38..<46:                                     // sequence 0 is structurally invalid
            return (try? RecordEnvelope(decoding: bytes)) == nil ? .malformed : .badSignature
        case 118..<122: return .malformed                  // sealed length no longer matches
        case 46..<186: return .badSignature                // previous hash, time, digest, signature
        default: return .digestMismatch                    // the sealed payload
        }
    }
}
