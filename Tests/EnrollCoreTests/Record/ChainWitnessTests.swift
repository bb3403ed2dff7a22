import EnrollCore
import Foundation
import Testing

@Suite struct ChainWitnessTests {
    static let device = [UInt8](repeating: 0xD1, count: 16)
    static let hash = (0..<32).map { UInt8($0) }
    static let witness = ChainWitness(deviceID: device, head: ChainHead(sequence: 4, hash: hash), receiptedThrough: 2)

    @Test func encodesAndDecodesItsOwnBytes() throws {
        let bytes = Self.witness.encoded()
        #expect(try ChainWitness(decoding: bytes) == Self.witness)
        #expect(bytes.count < 300, "a witness is small")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("sequence 4\n") && text.contains("receipted 2\n"), "readable by a technician: \(text)")
    }

    @Test func everyTruncationIsRefused() {
        let bytes = Self.witness.encoded()
        for length in 0..<bytes.count {
            #expect(throws: ChainWitness.DecodingError.self, "cut at \(length)") { try ChainWitness(decoding: Array(bytes.prefix(length))) }
        }
    }

    static func replacing(_ old: String, with new: String) -> [UInt8] {
        let text = String(decoding: witness.encoded(), as: UTF8.self)
        return Array(text.replacingOccurrences(of: old, with: new).utf8)
    }

    static let hostile: [(String, [UInt8])] = [
        ("empty", []),
        ("garbage", Array("\u{0}\u{1}not a witness at all\n".utf8)),
        ("not UTF-8", [0xFF, 0xFE, 0x0A]),
        ("other magic", replacing("enrolld-chain-witness 1", with: "enrolld-chain-witness 2")),
        ("extra line", witness.encoded() + Array("extra 1\n".utf8)),
        ("CRLF", replacing("\n", with: "\r\n")),
        ("signed sequence", replacing("sequence 4", with: "sequence +4")),
        ("negative receipted", replacing("receipted 2", with: "receipted -2")),
        ("overflowing sequence", replacing("sequence 4", with: "sequence 99999999999999999999")),
        ("receipted beyond head", replacing("receipted 2", with: "receipted 5")),
        ("short hash", replacing("hash " + Hex.encode(hash), with: "hash " + Hex.encode(hash.prefix(31)))),
        ("hash not hex", replacing("hash 00", with: "hash zz")),
        ("uppercase hex", replacing("hash 00010203", with: "hash 000102AB")),
        ("leading zero", replacing("sequence 4", with: "sequence 04")),
        ("device missing", replacing("device ", with: "devise ")),
        ("long device", replacing("device " + Hex.encode(device), with: "device " + Hex.encode(device + device))),
        ("lines swapped", replacing("sequence 4\nhash", with: "hash")),
        ("oversized", witness.encoded() + [UInt8](repeating: 0x20, count: ChainWitness.maximumBytes)),
    ]

    @Test(arguments: hostile.map(\.0))
    func hostileBytesAreRefused(_ name: String) {
        let bytes = Self.hostile.first { $0.0 == name }!.1
        #expect(throws: ChainWitness.DecodingError.self, "\(name)") { try ChainWitness(decoding: bytes) }
    }
}

@Suite struct WitnessFindingTests {
    static let witness = ChainWitness(deviceID: [UInt8](repeating: 1, count: 16), head: ChainHead(sequence: 4, hash: [UInt8](repeating: 4, count: 32)),
                                      receiptedThrough: 2)

    @Test func aDatabaseBehindTheWitnessLostTheRecordsBetween() {
        let finding = WitnessFinding.compare(witness: Self.witness, databaseHead: ChainHead(sequence: 1, hash: [UInt8](repeating: 9, count: 32)),
                                             hashAtWitnessSequence: nil, databaseReceipted: 1)
        #expect(finding == .recordsLost(lost: 2...4, databaseHead: 1, receiptedThrough: 2))
        #expect(finding.receiptedLost == 2...2 && finding.unreceiptedLost == 3...4)
        #expect("\(finding)".contains("lost committed records 2…4") && "\(finding)".contains("records 3…4 had not been receipted"), "\(finding)")
    }

    @Test func theSameHeadOrOneAheadIsConsistent() {
        #expect(WitnessFinding.compare(witness: Self.witness, databaseHead: Self.witness.head, hashAtWitnessSequence: nil, databaseReceipted: 0) == .consistent)
        let ahead = ChainHead(sequence: 6, hash: [UInt8](repeating: 6, count: 32))
        #expect(WitnessFinding.compare(witness: Self.witness, databaseHead: ahead, hashAtWitnessSequence: Self.witness.head.hash, databaseReceipted: 0) == .consistent)
        // The witness's record was purged: nothing to compare, and nothing was lost.
        #expect(WitnessFinding.compare(witness: Self.witness, databaseHead: ahead, hashAtWitnessSequence: nil, databaseReceipted: 4) == .consistent)
    }

    @Test func anotherRecordAtTheWitnessPlaceMeansTheWitnessedOneWasLost() {
        let other = [UInt8](repeating: 7, count: 32)
        #expect(WitnessFinding.compare(witness: Self.witness, databaseHead: ChainHead(sequence: 4, hash: other), hashAtWitnessSequence: nil, databaseReceipted: 0)
            == .recordsLost(lost: 4...4, databaseHead: 4, receiptedThrough: 2))
        #expect(WitnessFinding.compare(witness: Self.witness, databaseHead: ChainHead(sequence: 5, hash: other), hashAtWitnessSequence: other, databaseReceipted: 3)
            == .recordsLost(lost: 4...4, databaseHead: 5, receiptedThrough: 3))
    }

    @Test func anEmptyDatabaseUnderAWitnessLostEverything() {
        let finding = WitnessFinding.compare(witness: Self.witness, databaseHead: .genesis, hashAtWitnessSequence: nil, databaseReceipted: 0)
        #expect(finding == .recordsLost(lost: 1...4, databaseHead: 0, receiptedThrough: 2))
        #expect(finding.receiptedLost == 1...2 && finding.unreceiptedLost == 3...4)
    }

    @Test func allReceiptedOrNoneReceipted() {
        let all = WitnessFinding.recordsLost(lost: 3...4, databaseHead: 2, receiptedThrough: 4)
        #expect(all.unreceiptedLost == nil && all.receiptedLost == 3...4)
        let none = WitnessFinding.recordsLost(lost: 3...4, databaseHead: 2, receiptedThrough: 0)
        #expect(none.receiptedLost == nil && none.unreceiptedLost == 3...4)
        #expect(WitnessFinding.consistent.receiptedLost == nil && WitnessFinding.consistent.unreceiptedLost == nil)
    }
}
