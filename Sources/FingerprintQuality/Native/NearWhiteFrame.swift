import EnrollCore

/// NFIQ 2 measures a print without the near-white frame a sensor or a scan leaves around
/// it: rows and columns whose mean gray level is above 250, taken from each edge inwards.
enum NearWhiteFrame {
    static let threshold = 250.0

    /// The print's rectangle inside the frame: rows `top...bottom`, columns `left...right`.
    struct Bounds: Sendable, Equatable {
        var top: Int, bottom: Int, left: Int, right: Int
    }

    /// nil when every row or every column is near white (there is no print), or when less
    /// than two rows or columns would be left.
    static func bounds(of image: FingerprintImage) -> Bounds? {
        let width = image.width, height = image.height
        guard width >= 2, height >= 2 else { return nil }
        func rowMean(_ row: Int) -> Double {
            var sum = 0
            for column in 0..<width { sum += Int(image.pixels[row * width + column]) }
            return Double(sum) / Double(width)
        }
        func columnMean(_ column: Int) -> Double {
            var sum = 0
            for row in 0..<height { sum += Int(image.pixels[row * width + column]) }
            return Double(sum) / Double(height)
        }
        guard let top = (0..<height).first(where: { rowMean($0) <= threshold }),
              let bottom = (top..<height).reversed().first(where: { rowMean($0) <= threshold }),
              let left = (0..<width).first(where: { columnMean($0) <= threshold }),
              let right = (left..<width).reversed().first(where: { columnMean($0) <= threshold }),
              bottom > top, right > left else { return nil }
        return Bounds(top: top, bottom: bottom, left: left, right: right)
    }

    static func cropped(_ image: FingerprintImage, to b: Bounds) -> FingerprintImage {
        if b.top == 0, b.left == 0, b.bottom == image.height - 1, b.right == image.width - 1 { return image }
        var pixels = [UInt8]()
        pixels.reserveCapacity((b.bottom - b.top + 1) * (b.right - b.left + 1))
        for row in b.top...b.bottom {
            pixels.append(contentsOf: image.pixels[(row * image.width + b.left)...(row * image.width + b.right)])
        }
        return FingerprintImage(width: b.right - b.left + 1, height: b.bottom - b.top + 1, pixels: pixels, pixelsPerInch: image.pixelsPerInch)
    }
}
