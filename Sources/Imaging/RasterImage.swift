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

    /// One gray byte per pixel. Colour becomes Rec. 601 luma. An image with an alpha
    /// channel is taken the way libfprint's own tests read its example prints (gray masks):
    /// the alpha channel is the print, sent to the sensor as gray.
    public func gray(pixelsPerInch: Double = 500) -> FingerprintImage {
        var gray = [UInt8](repeating: 0, count: width * height)
        for pixel in 0..<(width * height) {
            let base = pixel * channels
            switch channels {
            case 1: gray[pixel] = samples[base]
            case 2, 4: gray[pixel] = samples[base + channels - 1]
            default:
                let (r, g, b) = (Int(samples[base]), Int(samples[base + 1]), Int(samples[base + 2]))
                gray[pixel] = r == g && g == b ? UInt8(r) : UInt8((299 * r + 587 * g + 114 * b + 500) / 1000)
            }
        }
        return FingerprintImage(width: width, height: height, pixels: gray, pixelsPerInch: pixelsPerInch)
    }
}
