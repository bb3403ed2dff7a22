/// An 8-bit gray image, rows packed (no padding).
public struct GrayImage: Sendable, Equatable {
    /// Pixels across.
    public var width: Int
    /// Pixels down.
    public var height: Int
    /// `width * height` bytes, row by row.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height, "gray image of \(width)x\(height) needs \(width * height) bytes")
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}

/// An 8-bit RGB image, three bytes a pixel, rows packed.
public struct RGBImage: Sendable, Equatable {
    /// Pixels across.
    public var width: Int
    /// Pixels down.
    public var height: Int
    /// `width * height * 3` bytes: R, G, B, R, G, B...
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 3, "RGB image of \(width)x\(height) needs \(width * height * 3) bytes")
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}

/// Limits for untrusted frames: a damaged header must not make us allocate gigabytes.
public struct ImageLimits: Sendable, Equatable {
    /// Largest accepted width or height.
    public var maximumDimension: Int
    /// Largest accepted pixel count.
    public var maximumPixels: Int

    public init(maximumDimension: Int = 8192, maximumPixels: Int = 4096 * 3072) {
        self.maximumDimension = maximumDimension
        self.maximumPixels = maximumPixels
    }

    /// Camera frames: up to 4K.
    public static let camera = ImageLimits()

    func check(width: Int, height: Int) throws(ImagingError) {
        guard width > 0, height > 0 else { throw ImagingError.size("\(width)x\(height) is not an image size") }
        guard width <= maximumDimension, height <= maximumDimension, width * height <= maximumPixels else {
            throw ImagingError.tooLarge("\(width)x\(height) exceeds the limit of \(maximumDimension) a side and \(maximumPixels) pixels")
        }
    }
}
