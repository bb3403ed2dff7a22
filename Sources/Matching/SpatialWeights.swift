import Foundation

/// The cylinder's spatial Gaussian as a table over squared distance: it is evaluated for
/// every (cell, neighbour), and `exp` there was most of the cost of building a template.
enum SpatialWeights {
    private static let entries = 2048
    private static let limit = 9 * CylinderParameters.sigmaS * CylinderParameters.sigmaS
    private static let table: [Float] = {
        let sigma = CylinderParameters.sigmaS
        let norm = 1 / (sigma * (2 * Float.pi).squareRoot())
        return (0...entries).map { index in
            let squared = Float(index) / Float(entries) * limit
            return norm * exp(-squared / (2 * sigma * sigma))
        }
    }()

    @inline(__always)
    static func weight(squaredDistance: Float) -> Float {
        table[Int(squaredDistance / limit * Float(entries) + 0.5)]
    }
}
