extension ByteImage {
    /// Gray-level erosion with a square `size`×`size` window: each pixel becomes the darkest in
    /// its window, which is cut at the image's edges (OpenCV's `erode` default border adds
    /// nothing darker).
    func eroded(size: Int) -> ByteImage {
        guard width > 0, height > 0 else { return self }
        let radius = size / 2, width = self.width, height = self.height
        var across = [UInt8](repeating: 0, count: width * height)
        var out = [UInt8](repeating: 0, count: width * height)
        // White padding stands for "outside": it never wins a minimum.
        var padded = [UInt8](repeating: .max, count: width + 2 * radius)
        pixels.withUnsafeBufferPointer { source in
            across.withUnsafeMutableBufferPointer { across in
                padded.withUnsafeMutableBufferPointer { line in
                    for row in 0..<height {
                        for column in 0..<width { line[radius + column] = source[row * width + column] }
                        let target = across.baseAddress! + row * width
                        for column in 0..<width { target[column] = line[column] }
                        for k in 1..<size {
                            for column in 0..<width { target[column] = Swift.min(target[column], line[column + k]) }
                        }
                    }
                }
                out.withUnsafeMutableBufferPointer { out in
                    for row in 0..<height {
                        let target = out.baseAddress! + row * width
                        let first = Swift.max(0, row - radius), last = Swift.min(height - 1, row + radius)
                        for column in 0..<width { target[column] = across[first * width + column] }
                        for other in (first + 1)..<(last + 1) {
                            let line = across.baseAddress! + other * width
                            for column in 0..<width { target[column] = Swift.min(target[column], line[column]) }
                        }
                    }
                }
            }
        }
        return ByteImage(width: width, height: height, pixels: out)
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
