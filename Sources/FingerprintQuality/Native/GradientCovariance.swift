import Foundation

/// Gradient statistics shared by the native measures: the covariance of a block's gray-level
/// gradients and the ridge orientation it gives.
enum GradientCovariance {
    /// The covariance matrix [a c; c b] of the block's centred-difference gradients (as the
    /// MATLAB code NFIQ 2 was trained from): a = mean(gx²), b = mean(gy²), c = mean(gx·gy).
    static func coefficients(_ block: GrayMatrix) -> (a: Double, b: Double, c: Double) {
        coefficients(block, top: 0, left: 0, height: block.height, width: block.width)
    }

    /// The angle (radians) of the line perpendicular to the ridges, from the covariance.
    static func ridgeOrientation(a: Double, b: Double, c: Double) -> Double {
        let difference = a - b
        let denominator = c * c + difference * difference + Double.ulpOfOne
        return atan2(c / denominator, difference / denominator) / 2
    }
}
