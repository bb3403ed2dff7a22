import EnrollCore
import Foundation

/// Fingerprint-like images the project makes itself, for the demo and for tests that must
/// not depend on data we cannot ship. A finger is a ridge pattern `cos ψ(x, y)`: concentric
/// ridges around a core (a whorl) plus one phase spiral `±atan2` per minutia, which is how a
/// ridge ending or bifurcation looks in a phase field. The same `finger` always gives the
/// same pattern; `impression` varies placement, rotation, elastic distortion, pressure and
/// noise the way repeated touches on a sensor do.
public struct SyntheticFingerprint: Sendable {
    public var width = 300
    public var height = 400
    /// Ridge period in pixels (≈ 9 px at 500 ppi, as on real fingers).
    public var ridgePeriod = 9.0
    public var minutiae = 45

    public init() {}

    /// One impression of one finger, 500 ppi, dark ridges on white.
    public func image(finger: UInt64, impression: UInt64) -> FingerprintImage {
        var shape = SplitMix64(seed: finger &* 0x9E37_79B9 &+ 1)
        let coreX = Double(width) * (0.42 + 0.16 * shape.unit())
        let coreY = Double(height) * (0.40 + 0.15 * shape.unit())
        let squash = 1.0 + 0.5 * shape.unit()
        let spirals: [(x: Double, y: Double, sign: Double)] = (0..<minutiae).map { _ in
            (Double(width) * (0.12 + 0.76 * shape.unit()), Double(height) * (0.1 + 0.8 * shape.unit()), shape.unit() < 0.5 ? -1 : 1)
        }
        // Slow phase waves bend the ridges differently on every finger, so even the ridge
        // endings at the fingertip's edge are the finger's own.
        let waves: [(kx: Double, ky: Double, phase: Double, amplitude: Double)] = (0..<4).map { _ in
            let direction = 2 * Double.pi * shape.unit()
            let wavelength = 70 + 140 * shape.unit()
            return (cos(direction) * 2 * .pi / wavelength, sin(direction) * 2 * .pi / wavelength, 2 * .pi * shape.unit(), 1.5 + 3 * shape.unit())
        }
        var touch = SplitMix64(seed: finger &* 0x1000_0001 &+ impression &* 0x2545_F491 &+ 7)
        let angle = impression == 0 ? 0 : (touch.unit() - 0.5) * 0.35  // ±10°
        let shiftX = impression == 0 ? 0 : (touch.unit() - 0.5) * 30
        let shiftY = impression == 0 ? 0 : (touch.unit() - 0.5) * 30
        let warp = impression == 0 ? 0 : 2 + 3 * touch.unit()
        let contrast = 0.75 + 0.25 * touch.unit()
        let (cosA, sinA) = (cos(angle), sin(angle))
        let (centreX, centreY) = (Double(width) / 2, Double(height) / 2)
        let frequency = 2 * Double.pi / ridgePeriod

        var pixels = [UInt8](repeating: 255, count: width * height)
        for row in 0..<height {
            for column in 0..<width {
                // Sensor pixel → finger coordinates: undo the touch's shift and rotation,
                // then a smooth elastic warp.
                let dx = Double(column) - centreX - shiftX, dy = Double(row) - centreY - shiftY
                var x = cosA * dx + sinA * dy + centreX
                var y = -sinA * dx + cosA * dy + centreY
                x += warp * sin(y / 57)
                y += warp * sin(x / 71)
                // An elliptical fingertip; outside it the sensor sees nothing.
                let ex = (x - Double(width) / 2) / (Double(width) * 0.44)
                let ey = (y - Double(height) / 2) / (Double(height) * 0.46)
                let edge = ex * ex + ey * ey
                guard edge < 1 else { continue }
                var phase = frequency * ((x - coreX) * (x - coreX) + (y - coreY) * (y - coreY) * squash * squash).squareRoot()
                for spiral in spirals { phase += spiral.sign * atan2(y - spiral.y, x - spiral.x) }
                for wave in waves { phase += wave.amplitude * sin(wave.kx * x + wave.ky * y + wave.phase) }
                let fade = edge > 0.8 ? (1 - edge) / 0.2 : 1
                let noise = (touch.unit() - 0.5) * 40
                let value = 255 - contrast * fade * 200 * (0.5 + 0.5 * cos(phase)) + noise
                pixels[row * width + column] = UInt8(max(0, min(255, value)))
            }
        }
        return FingerprintImage(width: width, height: height, pixels: pixels, pixelsPerInch: 500)
    }
}

/// A small deterministic generator (SplitMix64), so a finger number always means the same finger.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
