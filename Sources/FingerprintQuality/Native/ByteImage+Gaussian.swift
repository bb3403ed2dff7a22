import Foundation

extension ByteImage {
    /// OpenCV's `GaussianBlur` of an 8-bit image with sigma 0 (derived from the size), computed
    /// as OpenCV does it for 8 bits: a kernel in 1/256ths, exact integer sums in both passes and
    /// one rounding at the end. A floating-point blur differs by a gray level here and there,
    /// enough to move the Otsu threshold's boundary that follows.
    ///
    /// Being exact, the sums may be formed in any order and type that holds them: 16-bit lanes
    /// for the horizontal pass (at most 255 · 256), `Float` for the vertical one (whole numbers
    /// below 2²⁴), and for a binary image (the mask blurred the second time) 16 bits for both,
    /// counting white as 1. Each pair of equal taps is added before it is weighted.
    func gaussianBlurred(size: Int) -> ByteImage {
        guard width > 0, height > 0 else { return self }
        let kernel = Self.fixedPointGaussian(size: size).map { UInt16($0) }
        let binary = pixels.allSatisfy { $0 == 0 || $0 == 255 }
        let horizontal = horizontalSums(kernel: kernel, binary: binary)
        let out = binary
            ? Self.verticalBinary(horizontal, width: width, height: height, kernel: kernel)
            : Self.vertical(horizontal.map { Float($0) }, width: width, height: height, kernel: kernel.map { Float($0) })
        return ByteImage(width: width, height: height, pixels: out)
    }

    /// Σ kernel[t] · pixel along each row (white as 1 when `binary`), the row mirrored at its ends.
    private func horizontalSums(kernel: [UInt16], binary: Bool) -> [UInt16] {
        let size = kernel.count, radius = size / 2, width = self.width
        var cumulative: [UInt16] = [0]
        for weight in kernel { cumulative.append(cumulative.last! + weight) }
        let reflectedColumns = (0..<(width + 2 * radius)).map { Self.reflected($0 - radius, count: width) }
        var padded = [UInt16](repeating: 0, count: width + 2 * radius)
        var out = [UInt16](repeating: 0, count: width * height)
        pixels.withUnsafeBufferPointer { source in
            padded.withUnsafeMutableBufferPointer { line in
                out.withUnsafeMutableBufferPointer { out in
                    for row in 0..<height {
                        for i in 0..<line.count {
                            let pixel = source[row * width + reflectedColumns[i]]
                            line[i] = binary ? UInt16(pixel & 1) : UInt16(pixel)
                        }
                        let target = out.baseAddress! + row * width
                        if let runs = Self.runs(in: UnsafeBufferPointer(line), limit: size / 16) {
                            Self.accumulate(target, count: width, cumulative: cumulative, runs: runs)
                        } else {
                            Self.accumulate(target, count: width, kernel: kernel, line: UnsafeBufferPointer(line))
                        }
                    }
                }
            }
        }
        return out
    }

    /// The vertical pass over horizontal sums of a gray image, rounded to 8 bits.
    private static func vertical(_ rows: [Float], width: Int, height: Int, kernel: [Float]) -> [UInt8] {
        let size = kernel.count, radius = size / 2
        var out = [UInt8](repeating: 0, count: width * height)
        var sums = [Float](repeating: 0, count: width)
        rows.withUnsafeBufferPointer { rows in
            sums.withUnsafeMutableBufferPointer { sums in
                out.withUnsafeMutableBufferPointer { out in
                    for row in 0..<height {
                        let sources = (0..<size).map { rows.baseAddress! + reflected(row + $0 - radius, count: height) * width }
                        accumulate(sums.baseAddress!, count: width, kernel: kernel, sources: sources)
                        // The sums carry 16 fraction bits; OpenCV rounds half up. Adding half
                        // and scaling by 2⁻¹⁶ stays exact in Float (below 2²⁴ still).
                        for column in 0..<width {
                            out[row * width + column] = UInt8(((sums[column] + 32768) * 0x1p-16).rounded(.down))
                        }
                    }
                }
            }
        }
        return out
    }

    /// The vertical pass over horizontal sums of a binary image (white as 1, so each at most
    /// 256), rounded to 8 bits. A full sum is at most 256 · 256, which a 16-bit lane holds but
    /// for the all-white window: that wraps to 0, told from all-black by its centre row.
    private static func verticalBinary(_ rows: [UInt16], width: Int, height: Int, kernel: [UInt16]) -> [UInt8] {
        let size = kernel.count, radius = size / 2, half = size / 2
        let pairs = (0..<half).filter { kernel[$0] != 0 }.map { ($0, kernel[$0]) }
        let centreWeight = kernel[half]
        var out = [UInt8](repeating: 0, count: width * height)
        var sums = [UInt16](repeating: 0, count: width)
        rows.withUnsafeBufferPointer { rows in
            sums.withUnsafeMutableBufferPointer { sums in
                out.withUnsafeMutableBufferPointer { out in
                    for row in 0..<height {
                        let sources = (0..<size).map { rows.baseAddress! + reflected(row + $0 - radius, count: height) * width }
                        let centre = sources[half]
                        @inline(__always) func load(_ p: UnsafePointer<UInt16>, _ i: Int) -> SIMD16<UInt16> {
                            UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt16>.self)
                        }
                        var i = 0
                        while i + 16 <= width {
                            var sum = centreWeight &* load(centre, i)
                            for (tap, weight) in pairs { sum &+= weight &* (load(sources[tap], i) &+ load(sources[size - 1 - tap], i)) }
                            UnsafeMutableRawPointer(sums.baseAddress! + i).storeBytes(of: sum, as: SIMD16<UInt16>.self)
                            i += 16
                        }
                        while i < width {
                            var sum = centreWeight &* centre[i]
                            for (tap, weight) in pairs { sum &+= weight &* (sources[tap][i] &+ sources[size - 1 - tap][i]) }
                            sums[i] = sum
                            i += 1
                        }
                        for column in 0..<width {
                            let whole: UInt32 = sums[column] == 0 && centre[column] > 0 ? 65536 : UInt32(sums[column])
                            // White is 255: scale, then round the 16 fraction bits half up.
                            out[row * width + column] = UInt8((255 * whole + 32768) >> 16)
                        }
                    }
                }
            }
        }
        return out
    }

    /// A stretch of equal, non-zero values in a padded row, `start` up to, not including, `end`.
    private struct Run {
        let start: Int, end: Int, value: UInt16
    }

    /// The non-zero runs of `line`, or nil when there are more than `limit` (then weighting
    /// every tap is cheaper).
    private static func runs(in line: UnsafeBufferPointer<UInt16>, limit: Int) -> [Run]? {
        var found = [Run]()
        var start = 0
        while start < line.count {
            var end = start + 1
            while end < line.count, line[end] == line[start] { end += 1 }
            if line[start] != 0 {
                guard found.count < limit else { return nil }
                found.append(Run(start: start, end: end, value: line[start]))
            }
            start = end
        }
        return found
    }

    /// The sums of a row made of a few runs: over a run, Σ kernel[t] · value is the value times
    /// a difference of the kernel's running total, whatever the run's length.
    private static func accumulate(_ out: UnsafeMutablePointer<UInt16>, count: Int, cumulative: [UInt16], runs: [Run]) {
        let size = cumulative.count - 1
        for i in 0..<count {
            var sum: UInt16 = 0
            for run in runs {
                let low = max(run.start - i, 0), high = min(run.end - i, size)
                if high > low { sum &+= run.value &* (cumulative[high] - cumulative[low]) }
            }
            out[i] = sum
        }
    }

    /// The sums of a row, sixteen at a time in 16-bit lanes: a sum is at most 255 · 256, and
    /// each partial sum less, so nothing wraps.
    private static func accumulate(_ out: UnsafeMutablePointer<UInt16>, count: Int, kernel: [UInt16], line: UnsafeBufferPointer<UInt16>) {
        let size = kernel.count, half = size / 2
        let base = line.baseAddress!, centreWeight = kernel[half]
        let pairs = (0..<half).filter { kernel[$0] != 0 }.map { ($0, kernel[$0]) }
        @inline(__always) func load(_ offset: Int) -> SIMD16<UInt16> {
            UnsafeRawPointer(base + offset).loadUnaligned(as: SIMD16<UInt16>.self)
        }
        var i = 0
        while i + 16 <= count {
            var sum = centreWeight &* load(half + i)
            for (tap, weight) in pairs { sum &+= weight &* (load(tap + i) &+ load(size - 1 - tap + i)) }
            UnsafeMutableRawPointer(out + i).storeBytes(of: sum, as: SIMD16<UInt16>.self)
            i += 16
        }
        while i < count {
            var sum = centreWeight &* base[half + i]
            for (tap, weight) in pairs { sum &+= weight &* (base[tap + i] &+ base[size - 1 - tap + i]) }
            out[i] = sum
            i += 1
        }
    }

    /// out[i] = Σ kernel[t] · sources[t][i] for i below `count`, eight at a time, pairing the
    /// symmetric taps and skipping those of weight 0.
    private static func accumulate(_ out: UnsafeMutablePointer<Float>, count: Int, kernel: [Float], sources: [UnsafePointer<Float>]) {
        let size = kernel.count, half = size / 2
        let centre = sources[half], centreWeight = kernel[half]
        // The weighted pairs laid out flat once, so the inner loop only loads and adds.
        let pairs = (0..<half).filter { kernel[$0] != 0 }.map { (sources[$0], sources[size - 1 - $0], kernel[$0]) }
        @inline(__always) func load(_ p: UnsafePointer<Float>, _ i: Int) -> SIMD8<Float> {
            UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
        }
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
}
