import EnrollCore
import Foundation

/// New impressions of a real print, the way another touch on the sensor differs:
/// placement, rotation, elastic skin distortion, pressure and sensor noise. Used where a
/// data set has one impression per finger (the NIST example prints).
public struct ImpressionVariation: Sendable {
    public var maximumRotationDegrees = 8.0
    public var maximumShift = 12.0
    public var maximumWarp = 3.0
    public var noise = 18.0

    public init() {}

    /// Impression `seed` of `image`; seed 0 returns the image unchanged.
    public func apply(to image: FingerprintImage, seed: UInt64) -> FingerprintImage {
        guard seed != 0 else { return image }
        var random = SplitMix64(seed: seed &* 0x5851_F42D_4C95_7F2D &+ 11)
        let angle = (random.unit() - 0.5) * 2 * maximumRotationDegrees * .pi / 180
        let shiftX = (random.unit() - 0.5) * 2 * maximumShift
        let shiftY = (random.unit() - 0.5) * 2 * maximumShift
        let warp = maximumWarp * random.unit()
        let pressure = 0.85 + 0.3 * random.unit()
        let (cosA, sinA) = (cos(angle), sin(angle))
        let (centreX, centreY) = (Double(image.width) / 2, Double(image.height) / 2)
        var pixels = [UInt8](repeating: 255, count: image.pixels.count)
        for row in 0..<image.height {
            for column in 0..<image.width {
                let dx = Double(column) - centreX - shiftX, dy = Double(row) - centreY - shiftY
                var x = cosA * dx + sinA * dy + centreX
                var y = -sinA * dx + cosA * dy + centreY
                x += warp * sin(y / 53)
                y += warp * sin(x / 67)
                guard let sample = image.bilinear(x: x, y: y) else { continue }
                // Pressure darkens or lightens ridges around mid-gray; noise is the sensor's.
                let value = 128 + (sample - 128) * pressure + (random.unit() - 0.5) * noise
                pixels[row * image.width + column] = UInt8(max(0, min(255, value.rounded())))
            }
        }
        return FingerprintImage(width: image.width, height: image.height, pixels: pixels, pixelsPerInch: image.pixelsPerInch)
    }
}

extension FingerprintImage {
    /// The gray value at a fractional position, or nil outside the image.
    func bilinear(x: Double, y: Double) -> Double? {
        guard x >= 0, y >= 0, x <= Double(width - 1), y <= Double(height - 1) else { return nil }
        let (x0, y0) = (Int(x), Int(y))
        let (x1, y1) = (min(x0 + 1, width - 1), min(y0 + 1, height - 1))
        let (fx, fy) = (x - Double(x0), y - Double(y0))
        func at(_ px: Int, _ py: Int) -> Double { Double(pixels[py * width + px]) }
        let top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx
        let bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx
        return top * (1 - fy) + bottom * fy
    }
}
