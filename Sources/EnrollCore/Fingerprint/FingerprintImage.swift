/// One capture: 8-bit gray, dark ridges on a light background, row by row.
public struct FingerprintImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// `width * height` bytes, top row first.
    public var pixels: [UInt8]
    /// Pixels per inch. Drivers that do not say are taken as 500 ppi, the resolution
    /// libfprint's matcher assumes too.
    public var pixelsPerInch: Double

    public init(width: Int, height: Int, pixels: [UInt8], pixelsPerInch: Double = 500) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height, "pixel count does not match the size")
        self.width = width
        self.height = height
        self.pixels = pixels
        self.pixelsPerInch = pixelsPerInch
    }
}
