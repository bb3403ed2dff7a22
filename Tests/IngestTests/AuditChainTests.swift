import EnrollCore
import Ingest
import Testing

/// A kiosk's audit entries, chained with the real SHA-256, for the chain and receiver tests.
enum AuditFixture {
    static func chain(_ count: Int, after head: AuditHead = .genesis, actor: String = "op-1") -> [AuditEntry] {
        var previous = head
        var out: [AuditEntry] = []
        for i in 0..<count {
            let seq = previous.seq + 1
            let recordID = i % 2 == 0 ? RecordID(bytes: (0..<16).map { UInt8(truncatingIfNeeded: Int(seq) &+ $0) }) : nil
            let action = i % 3 == 0 ? "record.committed" : "operator.login"
            let at = 1_780_000_000_000 + seq * 1000
            let hash = AuditIngestor.digest.hash(AuditEntry.hashedBytes(previous: previous.hash, seq: seq, at: at, actor: actor, action: action, recordID: recordID))
            let entry = AuditEntry(seq: seq, at: at, actor: actor, action: action, recordID: recordID, previousHash: previous.hash, hash: hash)
            out.append(entry)
            previous = AuditHead(seq: seq, hash: hash)
        }
        return out
    }

    /// `entry` with one field changed and its hash left as it was (a forgery).
    static func altered(_ e: AuditEntry, actor: String) -> AuditEntry {
        AuditEntry(seq: e.seq, at: e.at, actor: actor, action: e.action, recordID: e.recordID, previousHash: e.previousHash, hash: e.hash)
    }
}

@Suite struct AuditChainTests {
    let digest = AuditIngestor.digest

    @Test func aSoundChainVerifiesFromGenesisAndFromAnyEntry() throws {
        let entries = AuditFixture.chain(10)
        try AuditChain.verify(entries, digest: digest)
        try AuditChain.verify(entries, continuing: .genesis, digest: digest)
        try AuditChain.verify(Array(entries[4...]), continuing: AuditHead(seq: 4, hash: entries[3].hash), digest: digest)
    }

    @Test func aChangedFieldIsFoundByItsHash() {
        var entries = AuditFixture.chain(5)
        entries[2] = AuditFixture.altered(entries[2], actor: "op-2")
        #expect(throws: AuditChainError.self) { try AuditChain.verify(entries, digest: digest) }
        do { try AuditChain.verify(entries, digest: digest) } catch {
            #expect(error.isForged)
            #expect(error.seq == 3)
        }
    }

    @Test func aRecomputedHashStillBreaksTheNextLink() {
        var entries = AuditFixture.chain(5)
        let e = entries[1]
        let hash = digest.hash(AuditEntry.hashedBytes(previous: e.previousHash, seq: e.seq, at: e.at, actor: "op-9", action: e.action, recordID: e.recordID))
        entries[1] = AuditEntry(seq: e.seq, at: e.at, actor: "op-9", action: e.action, recordID: e.recordID, previousHash: e.previousHash, hash: hash)
        do { try AuditChain.verify(entries, digest: digest); Issue.record("accepted a rewritten entry") } catch {
            #expect(error.isForged)
            #expect(error.seq == 3, "the entry after the rewritten one no longer links")
        }
    }

    @Test(arguments: [[0, 1, 3], [0, 1, 1], [1, 0, 2]])
    func seqsOutOfStepAreRefused(_ order: [Int]) {
        let entries = AuditFixture.chain(4)
        let shuffled = order.map { entries[$0] }
        do { try AuditChain.verify(shuffled, digest: digest); Issue.record("accepted \(order)") } catch {
            #expect(error.isForged)
        }
    }

    @Test func anEmptyBatchAndASeqBelowOneAreRefused() {
        #expect(throws: AuditChainError.self) { try AuditChain.verify([], digest: digest) }
        let e = AuditFixture.chain(1)[0]
        let zero = AuditEntry(seq: 0, at: e.at, actor: e.actor, action: e.action, recordID: e.recordID, previousHash: e.previousHash, hash: e.hash)
        #expect(throws: AuditChainError.self) { try AuditChain.verify([zero], digest: digest) }
    }

    @Test func newEntriesDropWhatIsHeldAndMustContinueTheHead() throws {
        let entries = AuditFixture.chain(6)
        let held = Dictionary(uniqueKeysWithValues: entries[0..<4].map { ($0.seq, $0.hash) })
        let head = AuditHead(seq: 4, hash: entries[3].hash)
        let fresh = try AuditChain.newEntries(Array(entries[2...]), onto: head) { held[$0] }
        #expect(fresh.map(\.seq) == [5, 6])
        #expect(try AuditChain.newEntries(Array(entries[0..<4]), onto: head) { held[$0] }.isEmpty, "a re-sent batch adds nothing")
        do { _ = try AuditChain.newEntries([entries[5]], onto: head) { held[$0] }; Issue.record("accepted a gap") } catch let error as AuditChainError {
            #expect(!error.isForged)
        }
        // Another history at a seq already held: a conflict, not a forgery.
        let other = AuditFixture.chain(6, actor: "op-7")
        do { _ = try AuditChain.newEntries(Array(other[3...]), onto: head) { held[$0] }; Issue.record("accepted another history") } catch let error as AuditChainError {
            #expect(!error.isForged)
            #expect(error.seq == 4)
        }
        let otherFromHead = AuditFixture.chain(2, after: AuditHead(seq: 4, hash: other[3].hash), actor: "op-7")
        do { _ = try AuditChain.newEntries(otherFromHead, onto: head) { held[$0] }; Issue.record("accepted a link elsewhere") } catch let error as AuditChainError {
            #expect(!error.isForged)
        }
    }
}
