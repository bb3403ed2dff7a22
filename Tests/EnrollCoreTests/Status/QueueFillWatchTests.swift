import EnrollCore
import Testing

@Suite struct QueueFillWatchTests {
    static let day = QueueFillWatch.repeatMilliseconds

    /// Feeds `readings` (fraction, Unix ms) in order; returns which ones journal.
    static func warnings(_ readings: [(Double, Int64)], watch: inout QueueFillWatch) -> [Bool] {
        readings.map { watch.observe(fraction: $0.0, now: $0.1) }
    }

    @Test func onceWhenCrossingThenDailyWhileAbove() {
        var watch = QueueFillWatch()
        let journalled = Self.warnings([
            (0.5, 0), (0.79, 1_000),
            (0.8, 2_000),                  // the crossing
            (0.9, 3_000), (0.95, 2_000 + Self.day - 1),
            (0.95, 2_000 + Self.day),      // a day later, still above
            (0.95, 2_000 + Self.day + 1),
        ], watch: &watch)
        #expect(journalled == [false, false, true, false, false, true, false])
    }

    @Test func fallingBelowAndCrossingAgainWarnsAgain() {
        var watch = QueueFillWatch()
        #expect(Self.warnings([(0.85, 0), (0.3, 60_000)], watch: &watch) == [true, false])
        #expect(watch.lastWarned == nil)
        #expect(Self.warnings([(0.81, 120_000)], watch: &watch) == [true], "a new crossing, not a day later")
    }

    /// A clock set back must not silence the warning for the difference; nonsense readings
    /// count as below the mark.
    @Test func aClockSetBackAndNonsenseReadings() {
        var watch = QueueFillWatch()
        let journalled = Self.warnings([
            (0.9, 10 * Self.day),
            (0.9, Self.day),               // the clock went back nine days
            (.nan, Self.day + 1),
            (.infinity, Self.day + 2),
        ], watch: &watch)
        #expect(journalled == [true, true, false, false])
    }

    @Test(arguments: [
        (bytes: 0, maximum: 100, expected: 0.0),
        (bytes: 80, maximum: 100, expected: 0.8),
        (bytes: 150, maximum: 100, expected: 1.5),
        (bytes: 10, maximum: 0, expected: 0.0),
        (bytes: -5, maximum: 100, expected: 0.0),
        (bytes: 10, maximum: -1, expected: 0.0),
    ])
    func fraction(bytes: Int, maximum: Int, expected: Double) {
        #expect(QueueFillWatch.fraction(bytes: bytes, maximum: maximum) == expected)
    }
}
