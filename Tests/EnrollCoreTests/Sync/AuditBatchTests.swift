import EnrollCore
import Foundation
import Testing

/// The audit batch's wire form: what the kiosk writes reads back unchanged, and hostile
/// bodies are refused with a reason, never half-read.
@Suite struct AuditBatchTests {
    static let hash = String(repeating: "ab", count: 32)
    static let zero = String(repeating: "00", count: 32)

    static func entry(seq: Int64, recordID: RecordID? = nil) -> AuditEntry {
        AuditEntry(seq: seq, at: 1_780_000_000_000 + seq, actor: "op-\(seq)", action: "record.committed", recordID: recordID,
                   previousHash: [UInt8](repeating: UInt8(truncatingIfNeeded: seq), count: 32), hash: [UInt8](repeating: UInt8(truncatingIfNeeded: seq + 1), count: 32))
    }

    @Test func encodedEntriesDecodeUnchanged() throws {
        let entries = [Self.entry(seq: 1, recordID: RecordID(bytes: Array(0..<16))), Self.entry(seq: 2), Self.entry(seq: 3)]
        #expect(try AuditBatch.decode(AuditBatch.encode(entries)) == entries)
    }

    static func body(_ entry: String) -> [UInt8] { Array("{\"entries\":[\(entry)]}".utf8) }
    static func entryJSON(seq: String = "1", at: String = "5", actor: String = "\"op-1\"", recordID: String = "null",
                          previous: String = "\"\(zero)\"", hash: String = "\"\(hash)\"") -> String {
        "{\"seq\":\(seq),\"at\":\(at),\"actor\":\(actor),\"action\":\"a.b\",\"record_id\":\(recordID),\"previous_hash\":\(previous),\"hash\":\(hash)}"
    }

    @Test func aWellFormedHandWrittenBodyDecodes() throws {
        let entries = try AuditBatch.decode(Self.body(Self.entryJSON()))
        #expect(entries.count == 1 && entries[0].seq == 1 && entries[0].actor == "op-1" && entries[0].recordID == nil)
    }

    static let hostile: [(String, [UInt8])] = [
        ("empty body", []),
        ("not JSON", Array("entries: 1".utf8)),
        ("truncated", Array(body(entryJSON()).dropLast(7))),
        ("no entries", Array("{\"entries\":[]}".utf8)),
        ("entries not an array", Array("{\"entries\":{}}".utf8)),
        ("seq as text", body(entryJSON(seq: "\"1\""))),
        ("seq fractional", body(entryJSON(seq: "1.5"))),
        ("seq zero", body(entryJSON(seq: "0"))),
        ("seq negative", body(entryJSON(seq: "-4"))),
        ("actor a number", body(entryJSON(actor: "7"))),
        ("actor too long", body(entryJSON(actor: "\"\(String(repeating: "x", count: 300))\""))),
        ("hash short", body(entryJSON(hash: "\"abcd\""))),
        ("hash not hex", body(entryJSON(hash: "\"\(String(repeating: "zz", count: 32))\""))),
        ("previous hash missing", Array("{\"entries\":[{\"seq\":1,\"at\":5,\"actor\":\"a\",\"action\":\"b\",\"hash\":\"\(hash)\"}]}".utf8)),
        ("record id wrong length", body(entryJSON(recordID: "\"abcd\""))),
        ("oversized", Array(repeating: 0x20, count: AuditBatch.maximumBytes + 1)),
    ]

    @Test(arguments: hostile.map(\.0))
    func hostileBodiesAreRefused(_ name: String) throws {
        let body = try #require(Self.hostile.first { $0.0 == name }).1
        #expect(throws: AuditBatchError.self) { try AuditBatch.decode(body) }
    }

    @Test func moreEntriesThanABatchHoldsAreRefused() {
        let entries = (1...Int64(AuditBatch.maximumEntries + 1)).map { Self.entry(seq: $0) }
        do { _ = try AuditBatch.decode(AuditBatch.encode(entries)); Issue.record("accepted an oversized batch") } catch {
            #expect(error.description.contains("\(AuditBatch.maximumEntries)"))
        }
    }

    @Test func theHeadReplyReadsOnlyAWellFormedHead() throws {
        let reply = AuditHeadReply(AuditHead(seq: 4, hash: [UInt8](repeating: 9, count: 32)))
        let decoded = try JSONDecoder().decode(AuditHeadReply.self, from: JSONEncoder().encode(reply))
        #expect(decoded.head == AuditHead(seq: 4, hash: [UInt8](repeating: 9, count: 32)))
        #expect(try JSONDecoder().decode(AuditHeadReply.self, from: Data("{\"seq\":-1,\"hash\":\"\(Self.hash)\"}".utf8)).head == nil)
        #expect(try JSONDecoder().decode(AuditHeadReply.self, from: Data("{\"seq\":1,\"hash\":\"ab\"}".utf8)).head == nil)
    }
}
