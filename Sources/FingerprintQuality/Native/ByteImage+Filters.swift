import Foundation

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

    /// OpenCV's `GaussianBlur` of an 8-bit image with sigma 0 (derived from the size), computed
    /// as OpenCV does it for 8 bits: a kernel in 1/256ths, exact integer sums in both passes and
    /// one rounding at the end. A floating-point blur differs by a gray level here and there,
    /// enough to move the Otsu threshold's boundary that follows.
    ///
    /// The sums are whole numbers below 2²⁴ (256 · 256 · 255), so `Float` holds them exactly and
    /// lets the compiler use vector instructions; each pair of equal taps is added before it is
    /// weighted, halving the multiplications.
    func gaussianBlurred(size: Int) -> ByteImage {
        guard width > 0, height > 0 else { return self }
        let kernel = Self.fixedPointGaussian(size: size).map { Float($0) }
        let radius = size / 2
        let width = self.width, height = self.height
        var horizontal = [Float](repeating: 0, count: width * height)
        var padded = [Float](repeating: 0, count: width + 2 * radius)
        var out = [UInt8](repeating: 0, count: width * height)
        var sums = [Float](repeating: 0, count: width)
        var sources = [UnsafePointer<Float>?](repeating: nil, count: size)
        var runs: [Run]? = []
        var cumulative: [Float] = [0]
        for weight in kernel { cumulative.append(cumulative.last! + weight) }
        kernel.withUnsafeBufferPointer { kernel in
            horizontal.withUnsafeMutableBufferPointer { horizontal in
                // Horizontal pass, each row padded by reflection so that every tap reads a straight run.
                let reflectedColumns = (0..<padded.count).map { Self.reflected($0 - radius, count: width) }
                padded.withUnsafeMutableBufferPointer { line in
                    for row in 0..<height {
                        pixels.withUnsafeBufferPointer { source in
                            for i in 0..<line.count { line[i] = Float(source[row * width + reflectedColumns[i]]) }
                        }
                        Self.runs(in: UnsafeBufferPointer(line), limit: size / 16, into: &runs)
                        if let runs {
                            Self.accumulate(horizontal.baseAddress! + row * width, count: width, cumulative: cumulative, runs: runs)
                        } else {
                            for tap in 0..<size { sources[tap] = UnsafePointer(line.baseAddress! + tap) }
                            Self.accumulate(horizontal.baseAddress! + row * width, count: width, kernel: kernel, sources: sources)
                        }
                    }
                }
                // Vertical pass: each tap reads a whole (reflected) row of the horizontal sums.
                let rows = UnsafePointer(horizontal.baseAddress!)
                sums.withUnsafeMutableBufferPointer { sums in
                    for row in 0..<height {
                        for tap in 0..<size { sources[tap] = rows + Self.reflected(row + tap - radius, count: height) * width }
                        Self.accumulate(sums.baseAddress!, count: width, kernel: kernel, sources: sources)
                        // The sums carry 16 fraction bits; OpenCV rounds half up. Adding half
                        // and scaling by 2⁻¹⁶ stays exact in Float (below 2²⁴ still).
                        out.withUnsafeMutableBufferPointer { out in
                            for column in 0..<width {
                                out[row * width + column] = UInt8(((sums[column] + 32768) * 0x1p-16).rounded(.down))
                            }
                        }
                    }
                }
            }
        }
        return ByteImage(width: width, height: height, pixels: out)
    }

    /// A stretch of equal, non-zero values in a padded row, `start` up to, not including, `end`.
    private struct Run {
        let start: Int, end: Int, value: Float
    }

    /// The non-zero runs of `line`, or nil when there are more than `limit` (then weighting
    /// every tap is cheaper).
    private static func runs(in line: UnsafeBufferPointer<Float>, limit: Int, into runs: inout [Run]?) {
        var found = runs ?? []
        found.removeAll(keepingCapacity: true)
        var start = 0
        while start < line.count {
            var end = start + 1
            while end < line.count, line[end] == line[start] { end += 1 }
            if line[start] != 0 {
                guard found.count < limit else { runs = nil; return }
                found.append(Run(start: start, end: end, value: line[start]))
            }
            start = end
        }
        runs = found
    }

    /// The horizontal sums of a row made of a few runs (the binary mask blurred the second
    /// time): over a run, Σ kernel[t] · value is the value times a difference of the kernel's
    /// running total, whatever the run's length.
    private static func accumulate(_ out: UnsafeMutablePointer<Float>, count: Int, cumulative: [Float], runs: [Run]) {
        let size = cumulative.count - 1
        for i in 0..<count {
            var sum: Float = 0
            for run in runs {
                let low = max(run.start - i, 0), high = min(run.end - i, size)
                if high > low { sum += run.value * (cumulative[high] - cumulative[low]) }
            }
            out[i] = sum
        }
    }

    /// out[i] = Σ kernel[t] · sources[t][i] for i below `count`, eight at a time, adding each
    /// pair of symmetric taps before weighting it and skipping the taps of weight 0.
    private static func accumulate(_ out: UnsafeMutablePointer<Float>, count: Int, kernel: UnsafeBufferPointer<Float>, sources: [UnsafePointer<Float>?]) {
        let size = kernel.count, half = size / 2
        let centre = sources[half]!, centreWeight = kernel[half]
        // The weighted pairs laid out flat once, so the inner loop only loads and adds.
        let pairs = (0..<half).filter { kernel[$0] != 0 }.map { (sources[$0]!, sources[size - 1 - $0]!, kernel[$0]) }
        @inline(__always) func load(_ p: UnsafePointer<Float>, _ i: Int) -> SIMD8<Float> {
            UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
        }
        pairs.withUnsafeBufferPointer { pairs in
            var i = 0
            while i + 8 <= count {
                var sum = centreWeight * load(centre, i)
                for (a, b, weight) in pairs { sum += weight * (load(a, i) + load(b, i)) }
                UnsafeMutableRawPointer(out + i).storeBytes(of: sum, as: SIMD8<Float>.self)
                i += 8
            }
            while i < count {
                var sum = centreWeight * centre[i]
                for (a, b, weight) in pairs { sum += weight * (a[i] + b[i]) }
                out[i] = sum
                i += 1
            }
        }
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
