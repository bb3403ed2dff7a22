/// NFIQ 2's contrast measures: the image's mean gray level (Mu) and the mean of its 32×32
/// block means (MMB), where the partial blocks at the right and bottom edges count as much as
/// full ones (so MMB weighs the edges more than Mu does).
enum GrayLevelMeans {
    static let blockSize = 32

    static func measures(_ image: GrayMatrix) -> [String: Double] {
        ["Mu": image.meanAndDeviation().mean, "MMB": meanOfBlockMeans(image)]
    }

    static func meanOfBlockMeans(_ image: GrayMatrix) -> Double {
        var means = [Double]()
        image.values.withUnsafeBufferPointer { pixels in
            for top in stride(from: 0, to: image.height, by: blockSize) {
                for left in stride(from: 0, to: image.width, by: blockSize) {
                    let bottom = min(top + blockSize, image.height), right = min(left + blockSize, image.width)
                    var sum = 0.0
                    for row in top..<bottom {
                        for column in left..<right { sum += pixels[row * image.width + column] }
                    }
                    means.append(sum / Double((bottom - top) * (right - left)))
                }
            }
        }
        guard !means.isEmpty else { return 0 }
        // Each mean divided before it is added, as NFIQ 2 sums them.
        let count = Double(means.count)
        return means.reduce(0) { $0 + $1 / count }
    }
}
