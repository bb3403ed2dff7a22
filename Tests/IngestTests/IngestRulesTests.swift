import EnrollCore
import Ingest
import Testing

@Suite struct IngestRulesTests {
    static let hashA = [UInt8](repeating: 0xA, count: 32)
    static let hashB = [UInt8](repeating: 0xB, count: 32)

    static func envelope(sequence: UInt64, previous: [UInt8]) -> RecordEnvelope {
        RecordEnvelope(recordID: RecordID(unixMilliseconds: 1), deviceID: [UInt8](repeating: 1, count: 16), sequence: sequence,
                       previousHash: previous, committedAt: 1, sealedDigest: [UInt8](repeating: 0, count: 32),
                       signature: [UInt8](repeating: 0, count: 64), sealed: [UInt8](repeating: 0, count: 48))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let sequence: UInt64
        let previous: [UInt8]
        let head: ChainHead
        let stored: [UInt8]?
        let expected: IngestDecision
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "first record", sequence: 1, previous: ChainHead.genesis.hash, head: .genesis, stored: nil, expected: .store),
        Case(name: "next in chain", sequence: 6, previous: hashA, head: .init(sequence: 5, hash: hashA), stored: nil, expected: .store),
        Case(name: "gap names the expected sequence", sequence: 9, previous: hashA, head: .init(sequence: 5, hash: hashA), stored: nil,
             expected: .rejected(.init("gap", expectedSequence: 6))),
        Case(name: "previous hash wrong", sequence: 6, previous: hashB, head: .init(sequence: 5, hash: hashA), stored: nil,
             expected: .rejected(.init("chain_broken", expectedSequence: 6))),
        Case(name: "place taken by another record", sequence: 3, previous: hashA, head: .init(sequence: 5, hash: hashA), stored: nil,
             expected: .rejected(.init("sequence_taken", expectedSequence: 6))),
        Case(name: "same id same hash is a duplicate", sequence: 3, previous: hashA, head: .init(sequence: 5, hash: hashA), stored: hashA,
             expected: .duplicate),
        Case(name: "same id other hash is a conflict", sequence: 6, previous: hashA, head: .init(sequence: 5, hash: hashA), stored: hashB,
             expected: .rejected(.init("conflict"))),
    ]

    @Test(arguments: cases)
    func decides(_ c: Case) {
        let decision = IngestRules.decide(Self.envelope(sequence: c.sequence, previous: c.previous), hash: Self.hashA, head: c.head, storedHashForID: c.stored)
        #expect(decision == c.expected)
    }
}
