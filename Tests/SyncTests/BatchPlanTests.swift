import Sync
import Testing

@Suite struct BatchPlanTests {
    @Test func boundedByCountAndBytesNeverEmpty() {
        #expect(BatchPlan.prefixLength(sizes: [10, 10, 10], maximumCount: 2, maximumBytes: 100) == 2)
        #expect(BatchPlan.prefixLength(sizes: [40, 40, 40], maximumCount: 10, maximumBytes: 100) == 2)
        // One record larger than the byte bound still goes, alone.
        #expect(BatchPlan.prefixLength(sizes: [500, 1], maximumCount: 10, maximumBytes: 100) == 1)
        #expect(BatchPlan.prefixLength(sizes: [], maximumCount: 10, maximumBytes: 100) == 0)
        #expect(BatchPlan.prefixLength(sizes: [1, 1], maximumCount: 0, maximumBytes: 100) == 1)
    }
}
