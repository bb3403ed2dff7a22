import Foundation

extension ByteImage {
    /// Gray-level erosion with a square `size`×`size` window: each pixel becomes the darkest in
    /// its window, which is cut at the image's edges (OpenCV's `erode` default border adds
    /// nothing darker).
    func eroded(size: Int) -> ByteImage {
        let radius = size / 2
        func minimum(_ source: [UInt8], along horizontal: Bool) -> [UInt8] {
            var out = source
            source.withUnsafeBufferPointer { src in
                for row in 0..<height {
                    for column in 0..<width {
                        let (position, count) = horizontal ? (column, width) : (row, height)
                        var darkest = UInt8.max
                        for k in max(0, position - radius)...min(count - 1, position + radius) {
                            let value = horizontal ? src[row * width + k] : src[k * width + column]
                            darkest = Swift.min(darkest, value)
                        }
                        out[row * width + column] = darkest
                    }
                }
            }
            return out
        }
        guard width > 0, height > 0 else { return self }
        return ByteImage(width: width, height: height, pixels: minimum(minimum(pixels, along: true), along: false))
    }

    /// OpenCV's `GaussianBlur` of an 8-bit image with sigma 0 (derived from the size), computed
    /// as OpenCV does it for 8 bits: a kernel in 1/256ths, exact integer sums in both passes and
    /// one rounding at the end. A floating-point blur differs by a gray level here and there,
    /// enough to move the Otsu threshold's boundary that follows.
    func gaussianBlurred(size: Int) -> ByteImage {
        guard width > 0, height > 0 else { return self }
        let kernel = Self.fixedPointGaussian(size: size)
        let radius = size / 2
        // Horizontal pass, each row padded by reflection so that the taps run straight.
        var horizontal = [UInt32](repeating: 0, count: width * height)
        var padded = [UInt32](repeating: 0, count: width + 2 * radius)
        for row in 0..<height {
            for i in padded.indices {
                padded[i] = UInt32(pixels[row * width + Self.reflected(i - radius, count: width)])
            }
            padded.withUnsafeBufferPointer { line in
                horizontal.withUnsafeMutableBufferPointer { out in
                    let base = row * width
                    for (tap, weight) in kernel.enumerated() where weight != 0 {
                        for column in 0..<width { out[base + column] &+= weight &* line[column + tap] }
                    }
                }
            }
        }
        // Vertical pass over whole rows; the sums carry 16 fraction bits.
        var out = [UInt8](repeating: 0, count: width * height)
        var sums = [UInt32](repeating: 0, count: width)
        horizontal.withUnsafeBufferPointer { rows in
            for row in 0..<height {
                for i in sums.indices { sums[i] = 0 }
                sums.withUnsafeMutableBufferPointer { acc in
                    for (tap, weight) in kernel.enumerated() where weight != 0 {
                        let base = Self.reflected(row + tap - radius, count: height) * width
                        for column in 0..<width { acc[column] &+= weight &* rows[base + column] }
                    }
                }
                for column in 0..<width { out[row * width + column] = UInt8(min((sums[column] + 1 << 15) >> 16, 255)) }
            }
        }
        return ByteImage(width: width, height: height, pixels: out)
    }

    /// OpenCV's bit-exact Gaussian kernel of odd `size` in 1/256ths: sigma = 0.15·size + 0.35,
    /// each outer weight rounded with the rounding error carried inwards, and the centre taking
    /// whatever makes the sum exactly 256.
    static func fixedPointGaussian(size: Int) -> [UInt32] {
        precondition(size > 0 && size % 2 == 1, "an odd kernel size")
        let half = size / 2
        let sigma = Double(size) * 0.15 + 0.35
        let scale = -0.125 / (sigma * sigma)
        // x runs over twice the offset from the centre, hence a quarter of −1/2 in the exponent.
        var weights = [Double]()
        var sum = 0.0
        for i in 0..<half {
            let x = Double(1 - size + 2 * i)
            let weight = exp(x * x * scale)
            weights.append(weight)
            sum += weight
        }
        sum = sum * 2 + 1
        var kernel = [UInt32](repeating: 0, count: size)
        var error = 0.0, total: UInt32 = 0
        for i in 0..<half {
            let adjusted = weights[i] * (1 / sum) * 256 + error
            let rounded = adjusted.rounded(.toNearestOrEven)
            error = adjusted - rounded
            kernel[i] = UInt32(rounded)
            kernel[size - 1 - i] = UInt32(rounded)
            total += 2 * UInt32(rounded)
        }
        kernel[half] = 256 - total
        return kernel
    }

    /// Otsu's threshold as OpenCV computes it: the first gray level that maximises the
    /// between-class variance, skipping levels that leave a class (almost) empty.
    var otsuThreshold: UInt8 {
        var histogram = [Int](repeating: 0, count: 256)
        for pixel in pixels { histogram[Int(pixel)] += 1 }
        let scale = 1 / Double(max(pixels.count, 1))
        var mean = 0.0
        for level in 0..<256 { mean += Double(level) * Double(histogram[level]) }
        mean *= scale
        var mean1 = 0.0, weight1 = 0.0, best = 0.0, threshold = 0
        let epsilon = Double(Float.ulpOfOne)
        for level in 0..<256 {
            let p = Double(histogram[level]) * scale
            mean1 *= weight1
            weight1 += p
            let weight2 = 1 - weight1
            if min(weight1, weight2) < epsilon || max(weight1, weight2) > 1 - epsilon { continue }
            mean1 = (mean1 + Double(level) * p) / weight1
            let mean2 = (mean - weight1 * mean1) / weight2
            let variance = weight1 * weight2 * (mean1 - mean2) * (mean1 - mean2)
            if variance > best {
                best = variance
                threshold = level
            }
        }
        return UInt8(threshold)
    }

    /// 255 where the pixel is above `threshold`, 0 elsewhere (OpenCV's THRESH_BINARY).
    func binarized(above threshold: UInt8) -> ByteImage {
        ByteImage(width: width, height: height, pixels: pixels.map { $0 > threshold ? 255 : 0 })
    }
}
