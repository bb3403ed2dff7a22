import EnrollCore

/// NFIQ 2 measures a print without the near-white frame a sensor or a scan leaves around
/// it: rows and columns whose mean gray level is above 250, taken from each edge inwards.
enum NearWhiteFrame {
    static let threshold = 250.0

    /// The image without that frame, or nil when every row or every column is near white
    /// (there is no print), or when less than two rows or columns would be left.
    static func removed(from image: FingerprintImage) -> FingerprintImage? {
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
        if top == 0, left == 0, bottom == height - 1, right == width - 1 { return image }
        var pixels = [UInt8]()
        pixels.reserveCapacity((bottom - top + 1) * (right - left + 1))
        for row in top...bottom {
            pixels.append(contentsOf: image.pixels[(row * width + left)...(row * width + right)])
        }
        return FingerprintImage(width: right - left + 1, height: bottom - top + 1, pixels: pixels, pixelsPerInch: image.pixelsPerInch)
    }
}
