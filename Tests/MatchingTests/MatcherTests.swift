import Foundation
import Testing
import TestSupport
@testable import Matching

/// Matcher invariants on synthetic fingers: a random but plausible minutiae layout.
@Suite struct MatcherTests {
    /// A finger: 40 minutiae in an ellipse, directions following a smooth flow, as ridges do.
    static func finger(seed: UInt64) -> FingerprintTemplate {
        var g = SeededGenerator(seed: seed)
        var minutiae: [Minutia] = []
        while minutiae.count < 40 {
            let x = Float.random(in: 40...260, using: &g), y = Float.random(in: 40...340, using: &g)
            guard pow((x - 150) / 110, 2) + pow((y - 190) / 150, 2) <= 1 else { continue }
            guard minutiae.allSatisfy({ hypot($0.x - x, $0.y - y) > 12 }) else { continue }
            let flow = atan2(y - 120, x - 150) + .pi / 2 + Float.random(in: -0.2...0.2, using: &g)
            minutiae.append(Minutia(x: x, y: y, angle: flow, kind: Bool.random(using: &g) ? .ending : .bifurcation, quality: 60))
        }
        return FingerprintTemplate(width: 300, height: 380, minutiae: minutiae)
    }

    /// The same finger placed again: turned, moved, a little jitter, some minutiae lost.
    static func impression(of finger: FingerprintTemplate, turn: Float, shift: (Float, Float), seed: UInt64) -> FingerprintTemplate {
        var g = SeededGenerator(seed: seed)
        let c = cos(turn), s = sin(turn)
        let moved = finger.minutiae.compactMap { m -> Minutia? in
            guard Int.random(in: 0..<10, using: &g) > 0 else { return nil }
            let x = m.x - 150, y = m.y - 190
            // Image y points down: a visual counter-clockwise turn is (x c + y s, −x s + y c).
            return Minutia(x: x * c + y * s + 150 + shift.0 + Float.random(in: -2...2, using: &g),
                           y: -x * s + y * c + 190 + shift.1 + Float.random(in: -2...2, using: &g),
                           angle: m.angle + turn + Float.random(in: -0.08...0.08, using: &g), kind: m.kind, quality: m.quality)
        }
        return FingerprintTemplate(width: finger.width, height: finger.height, minutiae: moved)
    }

    let matcher = Matcher()

    @Test func aTemplateMatchesItselfBest() {
        let fingers = (1...6).map { MatchTemplate(Self.finger(seed: $0)) }
        for (i, finger) in fingers.enumerated() {
            let own = matcher.score(finger, finger)
            #expect(own > 90)
            for (j, other) in fingers.enumerated() where j != i {
                #expect(matcher.score(finger, other) < own)
            }
        }
    }

    @Test(arguments: [(Float(0), Float(0), Float(0)), (0.3, 20, -15), (-0.5, -30, 10), (0.7, 0, 25)])
    func turnedAndMovedImpressionsStillMatch(_ turn: Float, _ dx: Float, _ dy: Float) {
        let finger = Self.finger(seed: 42)
        let genuine = matcher.score(MatchTemplate(finger), MatchTemplate(Self.impression(of: finger, turn: turn, shift: (dx, dy), seed: 7)))
        let impostors = (100..<110).map { matcher.score(MatchTemplate(finger), MatchTemplate(Self.finger(seed: $0))) }
        #expect(genuine > impostors.max()! + 10, "genuine \(genuine) vs impostors up to \(impostors.max()!)")
    }

    @Test func scoreIsSymmetricEnoughAndBounded() {
        let a = MatchTemplate(Self.finger(seed: 1)), b = MatchTemplate(Self.impression(of: Self.finger(seed: 1), turn: 0.2, shift: (5, 5), seed: 3))
        let ab = matcher.score(a, b), ba = matcher.score(b, a)
        #expect((0...100).contains(ab) && (0...100).contains(ba))
        #expect(abs(ab - ba) < 10)
    }

    @Test func emptyAndTinyTemplatesScoreZero() {
        let empty = MatchTemplate(FingerprintTemplate(width: 10, height: 10, minutiae: []))
        let one = MatchTemplate(FingerprintTemplate(width: 10, height: 10, minutiae: [Minutia(x: 5, y: 5, angle: 0, kind: .ending, quality: 1)]))
        #expect(matcher.score(empty, empty) == 0)
        #expect(matcher.score(one, MatchTemplate(Self.finger(seed: 1))) == 0)
    }
}

@Suite struct ErrorRatesTests {
    @Test func ratesFollowTheirDefinitions() {
        let rates = ErrorRates(genuine: [10, 60, 70, 80, 90], impostor: [5, 10, 20, 30, 65])
        #expect(rates.fmr(at: 60) == 0.2)
        #expect(rates.fnmr(at: 60) == 0.2)
        #expect(rates.equalErrorRate == 0.2)
        #expect(rates.fnmr(atFMR: 0) == 0.4)  // threshold above 65 loses 10 and 60
        #expect(rates.threshold(forFMR: 0) > 65)
    }

    @Test func separatedScoresHaveNoError() {
        let rates = ErrorRates(genuine: [50, 60], impostor: [1, 2])
        #expect(rates.equalErrorRate == 0)
        #expect(rates.fnmr(atFMR: 0) == 0)
    }
}

@Suite struct GalleryIndexTests {
    @Test func searchRanksTheSameFingerFirst() {
        var gallery = GalleryIndex()
        for seed in 1...30 { gallery.add(id: "r\(seed)", template: MatcherTests.finger(seed: UInt64(seed))) }
        let probe = MatcherTests.impression(of: MatcherTests.finger(seed: 17), turn: 0.25, shift: (10, -10), seed: 99)
        let found = gallery.search(probe, shortlist: 30)
        #expect(found.first?.id == "r17")
    }

    @Test func addReplaceAndRemove() {
        var gallery = GalleryIndex()
        gallery.add(id: "a", template: MatcherTests.finger(seed: 1))
        gallery.add(id: "a", template: MatcherTests.finger(seed: 2))
        #expect(gallery.count == 1)
        gallery.remove(id: "a")
        gallery.remove(id: "missing")
        #expect(gallery.count == 0)
        #expect(gallery.search(MatcherTests.finger(seed: 1)).isEmpty)
    }

    @Test func entriesStayUnderOneKibibyte() {
        var gallery = GalleryIndex()
        gallery.add(id: "0190b5d2-7a4e-7c3b-9e1f-5a6b7c8d9e0f", template: MatcherTests.finger(seed: 3))
        #expect(gallery.bytes(ofEntry: 0) <= 1024)
    }
}
