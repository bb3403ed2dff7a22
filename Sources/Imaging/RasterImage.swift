import EnrollCore

/// Decoded 8-bit samples with 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA) channels.
public struct RasterImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var channels: Int
    public var samples: [UInt8]

    public init(width: Int, height: Int, channels: Int, samples: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.samples = samples
    }

    /// The largest side accepted from a file: far above any fingerprint sensor, and a bound
    /// on what a file can make us allocate.
    public static let maximumSide = 8192

    /// Whether every pixel has equal red, green and blue (a gray image stored as RGB).
    public var isGray: Bool {
        guard channels >= 3 else { return true }
        for pixel in 0..<(width * height) {
            let base = pixel * channels
            if samples[base] != samples[base + 1] || samples[base] != samples[base + 2] { return false }
        }
        return true
    }

    /// One gray byte per pixel. Alpha is composited over white (libfprint's example prints
    /// are gray masks on white); colour becomes Rec. 601 luma.
    public func gray(pixelsPerInch: Double = 500) -> FingerprintImage {
        var gray = [UInt8](repeating: 0, count: width * height)
        for pixel in 0..<(width * height) {
            let base = pixel * channels
            var value: Int
            switch channels {
            case 1, 2: value = Int(samples[base])
            default:
                let (r, g, b) = (Int(samples[base]), Int(samples[base + 1]), Int(samples[base + 2]))
                value = r == g && g == b ? r : (299 * r + 587 * g + 114 * b + 500) / 1000
            }
            if channels == 2 || channels == 4 {
                let alpha = Int(samples[base + channels - 1])
                value = (value * alpha + 255 * (255 - alpha) + 127) / 255
            }
            gray[pixel] = UInt8(value)
        }
        return FingerprintImage(width: width, height: height, pixels: gray, pixelsPerInch: pixelsPerInch)
    }
}
