import Foundation

/// Per-block measures of a 500 ppi gray image, 16×16 pixel blocks (about two ridge periods):
/// the grid every fingerprint measure is built on. Partial blocks at the right and bottom
/// edges are left out.
struct BlockField {
    static let size = 16

    let columns: Int
    let rows: Int
    /// Mean gray level.
    var mean: [Float]
    /// Standard deviation of the gray level: ridges make it large, an empty platen small.
    var deviation: [Float]
    /// Orientation coherence 0…1 of the gradient structure tensor: 1 for parallel ridges,
    /// near 0 for noise, smudges and flat areas.
    var coherence: [Float]
    /// Direction of the gradient (across the ridges), radians.
    var normal: [Float]
    /// Ridge–valley clarity: distance between the dark and light pixel means over their
    /// spreads. Clear ridges give 2 or more, a smudge well under 1.
    var clarity: [Float]
    /// Ridge period along the normal, pixels (0 when no period could be seen).
    var period: [Float]
    /// How periodic the profile across the ridges is: its autocorrelation one period away
    /// minus half a period away (up to 2). Ridges alternate regularly and score above 1;
    /// edges and texture in a photograph do not.
    var periodicity: [Float]

    init(width: Int, height: Int, pixels: [UInt8]) {
        let n = Self.size
        columns = width / n
        rows = height / n
        let count = columns * rows
        mean = .init(repeating: 0, count: count)
        deviation = .init(repeating: 0, count: count)
        coherence = .init(repeating: 0, count: count)
        normal = .init(repeating: 0, count: count)
        clarity = .init(repeating: 0, count: count)
        period = .init(repeating: 0, count: count)
        periodicity = .init(repeating: 0, count: count)
        guard count > 0 else { return }
        pixels.withUnsafeBufferPointer { image in
            for row in 0..<rows {
                for column in 0..<columns {
                    measure(image, width: width, height: height, column: column, row: row)
                }
            }
        }
    }

    private mutating func measure(_ image: UnsafeBufferPointer<UInt8>, width: Int, height: Int, column: Int, row: Int) {
        let n = Self.size
        let x0 = column * n, y0 = row * n
        var sum = 0, squares = 0
        var gxx: Float = 0, gyy: Float = 0, gxy: Float = 0
        for y in y0..<(y0 + n) {
            let line = y * width
            let up = max(y - 1, 0) * width, down = min(y + 1, height - 1) * width
            for x in x0..<(x0 + n) {
                let value = Int(image[line + x])
                sum += value
                squares += value * value
                let gx = Float(Int(image[line + min(x + 1, width - 1)]) - Int(image[line + max(x - 1, 0)]))
                let gy = Float(Int(image[down + x]) - Int(image[up + x]))
                gxx += gx * gx
                gyy += gy * gy
                gxy += gx * gy
            }
        }
        let index = row * columns + column
        let pixelCount = Float(n * n)
        let average = Float(sum) / pixelCount
        mean[index] = average
        deviation[index] = (max(0, Float(squares) / pixelCount - average * average)).squareRoot()
        let trace = gxx + gyy
        coherence[index] = trace > 0 ? ((gxx - gyy) * (gxx - gyy) + 4 * gxy * gxy).squareRoot() / trace : 0
        normal[index] = 0.5 * atan2(2 * gxy, gxx - gyy)
        clarity[index] = Self.clarity(image, width: width, x0: x0, y0: y0, threshold: average)
        (period[index], periodicity[index]) = Self.period(image, width: width, height: height, centreX: x0 + n / 2, centreY: y0 + n / 2, angle: normal[index])
    }

    /// Splits the block at its mean into ridge and valley pixels and measures how far apart
    /// the two populations are.
    private static func clarity(_ image: UnsafeBufferPointer<UInt8>, width: Int, x0: Int, y0: Int, threshold: Float) -> Float {
        var darkCount = 0, darkSum = 0, darkSquares = 0
        var lightCount = 0, lightSum = 0, lightSquares = 0
        for y in y0..<(y0 + size) {
            for x in x0..<(x0 + size) {
                let value = Int(image[y * width + x])
                if Float(value) < threshold {
                    darkCount += 1; darkSum += value; darkSquares += value * value
                } else {
                    lightCount += 1; lightSum += value; lightSquares += value * value
                }
            }
        }
        guard darkCount > 3, lightCount > 3 else { return 0 }
        let darkMean = Float(darkSum) / Float(darkCount), lightMean = Float(lightSum) / Float(lightCount)
        let darkSpread = max(0, Float(darkSquares) / Float(darkCount) - darkMean * darkMean).squareRoot()
        let lightSpread = max(0, Float(lightSquares) / Float(lightCount) - lightMean * lightMean).squareRoot()
        return (lightMean - darkMean) / (darkSpread + lightSpread + 1)
    }

    /// Samples 32 pixels across the ridges through the block centre (each sample averaged
    /// over three pixels along the ridge) and takes the period from the mean crossings.
    private static func period(_ image: UnsafeBufferPointer<UInt8>, width: Int, height: Int, centreX: Int, centreY: Int, angle: Float) -> (Float, Float) {
        let length = 32
        let (dx, dy) = (cos(angle), sin(angle))
        let (ax, ay) = (-dy, dx)  // along the ridge
        var profile = [Float](repeating: 0, count: length)
        var total: Float = 0
        for step in 0..<length {
            let t = Float(step - length / 2)
            var value: Float = 0
            for offset in -1...1 {
                let x = Int((Float(centreX) + t * dx + Float(offset) * ax).rounded())
                let y = Int((Float(centreY) + t * dy + Float(offset) * ay).rounded())
                value += Float(image[min(max(y, 0), height - 1) * width + min(max(x, 0), width - 1)])
            }
            profile[step] = value
            total += value
        }
        let average = total / Float(length)
        var crossings: [Int] = []
        for step in 1..<length where (profile[step - 1] < average) != (profile[step] < average) {
            crossings.append(step)
        }
        guard crossings.count >= 3 else { return (0, 0) }
        // Two crossings a period; measured between the first and the last crossing so a
        // partial period at either end does not bias it.
        let period = 2 * Float(crossings[crossings.count - 1] - crossings[0]) / Float(crossings.count - 1)
        let lag = Int(period.rounded()), half = Int((period / 2).rounded())
        guard lag >= 2, lag < length / 2, half >= 1 else { return (period, 0) }
        return (period, autocorrelation(profile, average, lag) - autocorrelation(profile, average, half))
    }

    private static func autocorrelation(_ profile: [Float], _ average: Float, _ lag: Int) -> Float {
        var product: Float = 0, energyA: Float = 0, energyB: Float = 0
        for index in 0..<(profile.count - lag) {
            let (a, b) = (profile[index] - average, profile[index + lag] - average)
            product += a * b
            energyA += a * a
            energyB += b * b
        }
        return energyA > 0 && energyB > 0 ? product / (energyA * energyB).squareRoot() : 0
    }
}
