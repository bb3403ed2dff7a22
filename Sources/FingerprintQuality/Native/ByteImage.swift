/// An 8-bit gray image, top row first: the form in which NFIQ 2's region of interest is found,
/// with OpenCV's 8-bit filters (whose integer rounding decides which pixels pass a threshold).
struct ByteImage: Sendable, Equatable {
    let width: Int
    let height: Int
    var pixels: [UInt8]

    init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height, "pixel count does not match the size")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The gray matrix rounded and clamped to 0…255 (a print's values are whole already).
    init(_ matrix: GrayMatrix) {
        // Comparisons first: NaN fails both and becomes 0.
        self.init(width: matrix.width, height: matrix.height, pixels: matrix.values.map { value in
            value >= 255 ? 255 : (value > 0 ? UInt8(value + 0.5) : 0)
        })
    }

    /// Where index `i` lands when a filter reaches past an edge of `count` pixels: mirrored
    /// without repeating the edge pixel (OpenCV's default border, BORDER_REFLECT_101), again
    /// and again when the filter is wider than the image.
    static func reflected(_ i: Int, count: Int) -> Int {
        guard count > 1 else { return 0 }
        var p = i
        while p < 0 || p >= count {
            p = p < 0 ? -p : 2 * (count - 1) - p
        }
        return p
    }
}
