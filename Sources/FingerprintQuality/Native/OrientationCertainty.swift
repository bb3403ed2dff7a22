/// NFIQ 2's orientation certainty level (OCL): per full 32×32 block, how much the gradients
/// agree on one direction, 1 − λmin/λmax of their covariance matrix (1 for clean parallel
/// ridges, 0 for no preferred direction).
enum OrientationCertainty {
    static let blockSize = 32
    static let edges = [0.337, 0.479, 0.579, 0.655, 0.716, 0.766, 0.81, 0.852, 0.898]

    static func measures(_ image: GrayMatrix) -> [String: Double] {
        MeasureHistogram.features(prefix: "OCL_Bin10_", edges: edges, values: blockCertainties(image))
    }

    /// The certainty of every full block, in raster order. The partial blocks at the right and
    /// bottom edges are left out, and so is a flat block (no gradient, no direction to be sure of).
    static func blockCertainties(_ image: GrayMatrix) -> [Double] {
        var out = [Double]()
        for top in stride(from: 0, through: image.height - blockSize, by: blockSize) {
            for left in stride(from: 0, through: image.width - blockSize, by: blockSize) {
                let (a, b, c) = GradientCovariance.coefficients(image, top: top, left: left, height: blockSize, width: blockSize)
                if let certainty = certainty(a: a, b: b, c: c) { out.append(certainty) }
            }
        }
        return out
    }

    /// 1 − λmin/λmax of [a c; c b], or nil when λmax is 0.
    static func certainty(a: Double, b: Double, c: Double) -> Double? {
        let spread = ((a - b) * (a - b) + 4 * c * c).squareRoot()
        let largest = (a + b + spread) / 2, smallest = (a + b - spread) / 2
        guard largest != 0 else { return nil }
        return 1 - smallest / largest
    }
}
