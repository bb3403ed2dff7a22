import Foundation

/// The blocks NFIQ 2's FDA, LCS and RVUP measures look at: every 32×32 block wholly inside the
/// ridge area, with its ridge orientation and the window around it. Computed once per print
/// and shared by the three measures.
struct RotatedBlocks: Sendable {
    static let blockSize = 32
    /// The sides of the rotated rectangle: along the ridge profile and along the ridges.
    static let slantedLength = 32, slantedWidth = 16
    /// ceil(√(32² + 16²)) = 36: the window that holds a 32×16 rectangle at any angle.
    static let windowSide = 36
    static let border = (windowSide - blockSize + 1) / 2
    /// The window with two more pixels on each side. NFIQ 2 "pads" the 36×36 window with
    /// OpenCV's copyMakeBorder, which, given a view into a larger image, takes the border from
    /// the image around it; only beyond the image's edge is the border black.
    static let paddedSide = windowSide + 4
    /// Kovesi's segmentation threshold NFIQ 2 uses for these measures.
    static let segmentationThreshold = 0.1

    struct Window: Sendable {
        /// paddedSide² gray levels, row-major, 0 outside the image.
        let values: [Double]
        /// Angle (radians) of the line perpendicular to the ridges, from the central block.
        let orientation: Double
    }

    let windows: [Window]

    /// `segmentation`, when the caller has one already, must be of `image` with blocks of 32 and
    /// threshold 0.1 (other NFIQ 2 measures segment the same way; sharing it saves a pass).
    init(_ image: GrayMatrix, segmentation: RidgeSegmentation? = nil) {
        let block = Self.blockSize, border = Self.border, side = Self.windowSide
        guard image.width >= side, image.height >= side else {
            windows = []
            return
        }
        let segmentation = segmentation ?? RidgeSegmentation(image, blockSize: block, threshold: Self.segmentationThreshold)
        precondition(segmentation.mask.count == image.values.count, "the segmentation is of another image")
        var windows = [Window]()
        // NFIQ 2 steps from the border inwards and keeps a block only while its whole window
        // fits: the last start is (size - window side + border).
        for top in stride(from: border, through: image.height - side + border, by: block) {
            for left in stride(from: border, through: image.width - side + border, by: block) {
                guard segmentation.covers(top: top, left: left, height: block, width: block) else { continue }
                let covariance = GradientCovariance.coefficients(image, top: top, left: left, height: block, width: block)
                let orientation = GradientCovariance.ridgeOrientation(a: covariance.a, b: covariance.b, c: covariance.c)
                let margin = (Self.paddedSide - block) / 2
                windows.append(Window(values: Self.window(image, top: top - margin, left: left - margin), orientation: orientation))
            }
        }
        self.windows = windows
    }

    private static func window(_ image: GrayMatrix, top: Int, left: Int) -> [Double] {
        let side = paddedSide
        var values = [Double](repeating: 0, count: side * side)
        for row in max(0, -top)..<min(side, image.height - top) {
            let columns = max(0, -left)..<min(side, image.width - left)
            guard !columns.isEmpty else { continue }
            let start = (top + row) * image.width + left
            for column in columns { values[row * side + column] = image.values[start + column] }
        }
        return values
    }
}
