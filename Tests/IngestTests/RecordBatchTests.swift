import EnrollCore
import Testing

@Suite struct RecordBatchTests {
    @Test func roundTrips() throws {
        let envelopes: [[UInt8]] = [[1, 2, 3], [4], Array(repeating: 9, count: 70_000)]
        #expect(try RecordBatch.decode(RecordBatch.encode(envelopes)) == envelopes)
    }

    static let hostile: [(String, [UInt8])] = [
        ("empty body", []),
        ("length cut short", [0, 0]),
        ("frame longer than the body", [0, 0, 0, 9, 1, 2, 3]),
        ("empty frame", [0, 0, 0, 0]),
        ("length beyond the envelope limit", [0xFF, 0xFF, 0xFF, 0xFF, 1]),
        ("trailing partial length", RecordBatch.encode([[1, 2]]) + [0, 0, 1]),
    ]

    @Test(arguments: hostile.indices)
    func refusesHostileBodies(_ index: Int) {
        #expect(throws: RecordFormatError.self, "\(Self.hostile[index].0)") { try RecordBatch.decode(Self.hostile[index].1) }
    }

    @Test func refusesTooManyFrames() {
        let body = RecordBatch.encode(Array(repeating: [7], count: 11))
        #expect(throws: RecordFormatError.self) { try RecordBatch.decode(body, maximumCount: 10) }
        #expect((try? RecordBatch.decode(body, maximumCount: 11))?.count == 11)
    }

    @Test func randomGarbageNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...64, using: &generator)
            let body = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if let frames = try? RecordBatch.decode(body) {
                // Whatever parsed must re-frame to exactly the input.
                #expect(RecordBatch.encode(frames) == body)
            }
        }
    }
}
