import Foundation

/// NFIQ 2's orientation flow (OF): how much the ridge orientation of a foreground block differs
/// from its eight neighbours'. Smooth flow is good; a block is only counted where the change
/// exceeds `angleMinDegrees`, scaled so that 1 means a right angle.
enum OrientationFlow {
    static let blockSize = 32
    static let segmentationThreshold = 0.1
    /// Blocks start `border` pixels in, on the grid of the measures that rotate a 32×16 slanted
    /// block out of a square of ceil(√(32² + 16²)) = 36 pixels: (36 − 32) / 2 on each side.
    static let border = 2
    static let angleMinDegrees = 4.0
    private static let radiansPerDegree = Double.pi / 180
    static let edges = [1.715e-2, 3.5e-2, 5.57e-2, 8.1e-2, 1.15e-1, 1.718e-1, 2.569e-1, 4.758e-1, 7.48e-1]

    static func measures(_ image: GrayMatrix) -> [String: Double] {
        MeasureHistogram.features(prefix: "OF_Bin10_", edges: edges, values: localQualities(image))
    }

    /// For a caller that shares one segmentation among the measures that use NFIQ 2's
    /// (32, 0.1) one: it is most of this measure's cost.
    static func measures(_ image: GrayMatrix, segmentation: RidgeSegmentation) -> [String: Double] {
        MeasureHistogram.features(prefix: "OF_Bin10_", edges: edges, values: localQualities(image, segmentation: segmentation))
    }

    /// The scaled orientation change of every block whose 3×3 neighbourhood is all foreground
    /// and whose change exceeds `angleMinDegrees`.
    static func localQualities(_ image: GrayMatrix, segmentation: RidgeSegmentation? = nil) -> [Double] {
        let rows = max(0, (image.height - 2 * border) / blockSize)
        let columns = max(0, (image.width - 2 * border) / blockSize)
        // Fewer than 3×3 blocks: no block has all its neighbours.
        guard rows >= 3, columns >= 3 else { return [] }
        precondition(segmentation.map { $0.mask.count == image.values.count } ?? true, "the segmentation of this image")
        let segmentation = segmentation ?? RidgeSegmentation(image, blockSize: blockSize, threshold: segmentationThreshold)
        var orientation = [Double](repeating: 0, count: rows * columns)
        var foreground = [Bool](repeating: false, count: rows * columns)
        for row in 0..<rows {
            for column in 0..<columns {
                let top = border + row * blockSize, left = border + column * blockSize
                foreground[row * columns + column] = segmentation.covers(top: top, left: left, height: blockSize, width: blockSize)
                let (a, b, c) = GradientCovariance.coefficients(image, top: top, left: left, height: blockSize, width: blockSize)
                orientation[row * columns + column] = GradientCovariance.ridgeOrientation(a: a, b: b, c: c)
            }
        }
        // In degrees first, then converted, as NFIQ 2 does: the last bit can move a block across a bin edge.
        let angleMin = angleMinDegrees * radiansPerDegree, angleRange = (90 - angleMinDegrees) * radiansPerDegree
        var out = [Double]()
        // A block on the map's edge has a neighbour outside it, which NFIQ 2 counts as background.
        for row in 1..<(rows - 1) {
            for column in 1..<(columns - 1) {
                var allForeground = true, change = 0.0
                let centre = orientation[row * columns + column]
                for dr in -1...1 {
                    for dc in -1...1 {
                        let index = (row + dr) * columns + column + dc
                        allForeground = allForeground && foreground[index]
                        let difference = abs(centre - orientation[index])
                        // Angles are circular; ridge orientations lie within half a turn, so
                        // this rarely binds.
                        change += min(difference, 2 * Double.pi - difference)
                    }
                }
                change /= 8
                guard allForeground, change > angleMin else { continue }
                out.append((change - angleMin) / angleRange)
            }
        }
        return out
    }
}
