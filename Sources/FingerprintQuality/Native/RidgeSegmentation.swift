/// The foreground as NFIQ 2's block measures find it (after Kovesi's `ridgesegment`): the
/// image normalised to zero mean and unit deviation, then every pixel of a block whose
/// deviation exceeds `threshold` counts as ridge area. Blocks at the right and bottom edges
/// may be smaller than `blockSize`.
struct RidgeSegmentation: Sendable {
    /// The image normalised so that the *ridge area* has zero mean and unit deviation.
    let normalized: GrayMatrix
    /// One flag per pixel, row-major: inside the ridge area.
    let mask: [Bool]

    init(_ image: GrayMatrix, blockSize: Int, threshold: Double) {
        precondition(blockSize > 0, "a block has at least one pixel")
        let whole = image.meanAndDeviation()
        let scale = whole.deviation > 0 ? whole.deviation : 1
        let standardized = image.values.map { ($0 - whole.mean) / scale }
        var mask = [Bool](repeating: false, count: standardized.count)
        var block = [Double]()
        for top in stride(from: 0, to: image.height, by: blockSize) {
            for left in stride(from: 0, to: image.width, by: blockSize) {
                let bottom = min(top + blockSize, image.height), right = min(left + blockSize, image.width)
                block.removeAll(keepingCapacity: true)
                for row in top..<bottom { block.append(contentsOf: standardized[(row * image.width + left)..<(row * image.width + right)]) }
                let inside = MeasureStatistics.meanAndDeviation(block).deviation > threshold
                guard inside else { continue }
                for row in top..<bottom {
                    for column in left..<right { mask[row * image.width + column] = true }
                }
            }
        }
        let ridge = MeasureStatistics.meanAndDeviation(standardized, where: mask)
        let ridgeScale = ridge.deviation > 0 ? ridge.deviation : 1
        self.normalized = GrayMatrix(width: image.width, height: image.height, values: standardized.map { ($0 - ridge.mean) / ridgeScale })
        self.mask = mask
    }

    /// Whether every pixel of the rectangle is ridge area.
    func covers(top: Int, left: Int, height: Int, width: Int) -> Bool {
        for row in top..<(top + height) {
            for column in left..<(left + width) where !mask[row * normalized.width + column] { return false }
        }
        return true
    }
}
