import FingerprintQuality
import Testing

/// The rank correlation the quality figures are reported in, against values worked out by
/// hand (and matching scipy's `spearmanr`).
@Suite struct SpearmanTests {
    @Test func tiesShareTheirAverageRank() {
        #expect(Spearman.ranks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
        #expect(Spearman.ranks([]) == [])
    }

    @Test func monotoneSeriesCorrelateFully() {
        #expect(Spearman.rho([1, 2, 3, 4], [10, 40, 90, 160]) == 1)
        #expect(Spearman.rho([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
    }

    @Test func tiedSeriesMatchScipy() {
        // Ranks [1, 2.5, 2.5, 4] and [1, 3, 2, 4]: 4.5 / sqrt(4.5 × 5).
        #expect(abs(Spearman.rho([1, 2, 2, 3], [1, 3, 2, 4]) - 0.9486832980505138) < 1e-12)
    }

    @Test func constantOrEmptySeriesGiveZero() {
        #expect(Spearman.rho([3, 3, 3], [1, 2, 3]) == 0)
        #expect(Spearman.rho([], []) == 0)
    }
}
