import EnrollCore
import Foundation
import Logging
import Store
import TestSupport
import Trust

/// Synthetic NBIS prints for the gallery tests: a plausible minutiae layout (flow-following
/// directions, minimum spacing) in NIST coordinates, and further impressions of it turned,
/// moved, jittered and with some minutiae lost, as a second placement of the finger gives.
enum GalleryFixtures {
    static func finger(seed: UInt64) -> [EnrollCore.Minutia] {
        var g = SeededGenerator(seed: seed)
        var minutiae: [EnrollCore.Minutia] = []
        while minutiae.count < 40 {
            let x = Double.random(in: 40...260, using: &g), y = Double.random(in: 40...340, using: &g)
            guard pow((x - 150) / 110, 2) + pow((y - 190) / 150, 2) <= 1 else { continue }
            guard minutiae.allSatisfy({ hypot(Double($0.x) - x, Double($0.y) - y) > 12 }) else { continue }
            let flow = atan2(y - 120, x - 150) + .pi / 2 + Double.random(in: -0.2...0.2, using: &g)
            minutiae.append(EnrollCore.Minutia(x: Int(x), y: Int(y), angle: degrees(flow)))
        }
        return minutiae
    }

    /// NIST coordinates have y up, so a counter-clockwise turn is the usual rotation.
    static func impression(of finger: [EnrollCore.Minutia], turn: Double, shift: (Double, Double), seed: UInt64) -> [EnrollCore.Minutia] {
        var g = SeededGenerator(seed: seed)
        let c = cos(turn), s = sin(turn)
        return finger.compactMap { m in
            guard Int.random(in: 0..<10, using: &g) > 0 else { return nil }
            let x = Double(m.x) - 150, y = Double(m.y) - 190
            return EnrollCore.Minutia(
                x: Int((x * c - y * s + 150 + shift.0 + Double.random(in: -2...2, using: &g)).rounded()),
                y: Int((x * s + y * c + 190 + shift.1 + Double.random(in: -2...2, using: &g)).rounded()),
                angle: degrees(Double(m.angle) * .pi / 180 + turn + Double.random(in: -0.08...0.08, using: &g)))
        }
    }

    static func print(_ sets: [[EnrollCore.Minutia]]) -> PrintTemplate {
        PrintTemplate(kind: .nbis, driver: "virtual_image", deviceID: "0", deviceStored: false, libfprintFinger: 2,
                      enrollJulianDay: nil, minutiaeSets: sets)
    }

    /// A person's prints of `fingers`, as enrolled (two stages each).
    static func person(_ seed: UInt64, fingers: [FingerPosition]) -> [FingerPosition: PrintTemplate] {
        Dictionary(uniqueKeysWithValues: fingers.map { position in
            let base = finger(seed: seed * 100 + UInt64(position.rawValue))
            return (position, print([base, impression(of: base, turn: 0.1, shift: (4, -3), seed: seed + 7)]))
        })
    }

    /// The same person coming back: one new impression per finger.
    static func returning(_ seed: UInt64, fingers: [FingerPosition]) -> [FingerPosition: PrintTemplate] {
        Dictionary(uniqueKeysWithValues: fingers.map { position in
            let base = finger(seed: seed * 100 + UInt64(position.rawValue))
            return (position, print([impression(of: base, turn: -0.25, shift: (-10, 8), seed: seed + 99)]))
        })
    }

    static func degrees(_ radians: Double) -> Int {
        var d = Int((radians * 180 / .pi).rounded()) % 360
        if d > 180 { d -= 360 }
        if d < -180 { d += 360 }
        return d
    }

    static func recordID(_ n: Int64) -> String {
        var g = SeededGenerator(seed: UInt64(n))
        return RecordID(unixMilliseconds: 1_760_000_000_000 + n, using: &g).description
    }
}
