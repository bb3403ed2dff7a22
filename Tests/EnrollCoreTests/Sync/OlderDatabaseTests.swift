import EnrollCore
import Testing

@Suite struct OlderDatabaseTests {
    static func result(_ sequence: UInt64, _ status: IngestReply.Status, error: String? = nil, expected: UInt64? = nil) -> IngestReply.Result {
        IngestReply.Result(recordID: "r\(sequence)", sequence: sequence, status: status, error: error, expectedSequence: expected)
    }

    @Test(arguments: [
        (server: UInt64(0), local: UInt64(0), older: false),
        (server: 5, local: 5, older: false),
        (server: 4, local: 5, older: false),
        (server: 6, local: 5, older: true),
        (server: 1, local: 0, older: true),
        (server: UInt64.max, local: UInt64.max - 1, older: true),
    ])
    func onlyAServerAheadIsAFinding(server: UInt64, local: UInt64, older: Bool) {
        let finding = OlderDatabase.check(serverHead: server, localHead: local)
        #expect((finding != nil) == older)
        if let finding {
            #expect(finding.serverHead == server && finding.localHead == local)
            #expect(finding.description.contains("older than the last upload"))
        }
    }

    @Test func aBatchAnswersHeadAboveTheOutboxIsAFinding() {
        let reply = IngestReply(results: [Self.result(3, .duplicate), Self.result(4, .duplicate)], headSequence: 9, headHash: "")
        #expect(OlderDatabase.check(reply: reply, localHead: 4) == OlderDatabase(serverHead: 9, localHead: 4))
        #expect(OlderDatabase.check(reply: reply, localHead: 9) == nil)
    }

    /// A `sequence_taken` refusal tells the server's head even where the reply's head would
    /// not (a receiver answering with a stale or zero head).
    @Test func aSequenceTakenRefusalGivesTheServersHead() {
        let reply = IngestReply(results: [Self.result(3, .rejected, error: "sequence_taken", expected: 7)], headSequence: 0, headHash: "")
        #expect(OlderDatabase.check(reply: reply, localHead: 3) == OlderDatabase(serverHead: 6, localHead: 3))
        #expect(OlderDatabase.check(reply: reply, localHead: 6) == nil)
    }

    /// A gap or a broken chain says the kiosk is ahead or astray, not that the server holds
    /// more; neither may stop enrollments. Nor may hostile numbers wrap around.
    @Test func otherRefusalsAndEdgeValuesAreNoFinding() {
        let gap = IngestReply(results: [Self.result(9, .rejected, error: "gap", expected: 5)], headSequence: 4, headHash: "")
        #expect(OlderDatabase.check(reply: gap, localHead: 9) == nil)
        let broken = IngestReply(results: [Self.result(5, .rejected, error: "chain_broken", expected: 50)], headSequence: 4, headHash: "")
        #expect(OlderDatabase.check(reply: broken, localHead: 5) == nil)
        let zero = IngestReply(results: [Self.result(1, .rejected, error: "sequence_taken", expected: 0)], headSequence: 0, headHash: "")
        #expect(OlderDatabase.check(reply: zero, localHead: 0) == nil)
        let empty = IngestReply(results: [], headSequence: 0, headHash: "")
        #expect(OlderDatabase.check(reply: empty, localHead: 0) == nil)
    }
}
