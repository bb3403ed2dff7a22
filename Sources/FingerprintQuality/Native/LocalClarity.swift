/// NFIQ 2's local clarity score (LCS): in each block of the ridge area, turned so the ridges run
/// down the columns and cut to 32 columns × 16 rows, how many pixels fall on the wrong side of
/// the ridge/valley line (a dark pixel in a valley column, a light one in a ridge column).
/// 1 is perfectly clear; a block whose ridges or valleys are implausibly thin or thick scores 0.
enum LocalClarity: RotatedBlockMeasure {
    static let edges = [0, 0.70, 0.74, 0.77, 0.79, 0.81, 0.83, 0.85, 0.87]

    /// Ridge and valley widths are measured in units of 20 px (5 px at 125 ppi, scaled to the
    /// 500 ppi NFIQ 2 requires); plausible mean widths are 3–10 px for ridges, 2–10 px for valleys.
    private static let widthUnit = (500.0 / 125.0) * 5.0
    private static let ridgeWidths = (3.0 / widthUnit)...(10.0 / widthUnit)
    // NFIQ 2 scales the valley limits by the ridge unit too; both units are 20 px here.
    private static let valleyWidths = (2.0 / widthUnit)...(10.0 / widthUnit)

    static let prefix = "LCS_Bin10_"

    static func values(_ window: RotatedBlocks.Window) -> [Double] { [score(window)] }

    static func score(_ window: RotatedBlocks.Window) -> Double {
        let side = RotatedBlocks.windowSide, centre = side / 2
        let along = RotatedBlocks.slantedLength / 2, across = RotatedBlocks.slantedWidth / 2
        let crop = RotatedBlock.crop(window, padded: false, angle: window.orientation,
                                     rows: (centre - across)..<(centre + across),
                                     columns: (centre - along)..<(centre + along))
        return score(crop)
    }

    static func score(_ crop: GrayMatrix) -> Double {
        let structure = RidgeValleyStructure(crop)
        let ridge = structure.isRidge
        guard let first = ridge.first else { return 0 }
        // Positions just before each change of class, as the original (MATLAB-derived) code
        // finds them; the first run's width is hence one short, kept for agreement.
        let changes = (1..<max(ridge.count, 1)).filter { ridge[$0] != ridge[$0 - 1] }.map { $0 - 1 }
        guard let firstChange = changes.first else { return 0 }
        let widths = [Double(firstChange)] + zip(changes.dropFirst(), changes).map { Double($0 - $1) }
        let even = stride(from: 0, to: widths.count, by: 2).map { widths[$0] / widthUnit }
        let odd = stride(from: 1, to: widths.count, by: 2).map { widths[$0] / widthUnit }
        let (ridges, valleys) = first ? (even, odd) : (odd, even)
        guard ridgeWidths.contains(openCVMean(ridges)), valleyWidths.contains(openCVMean(valleys)) else { return 0 }

        var ridgeGood = 0, ridgePixels = 0, valleyGood = 0, valleyPixels = 0
        crop.values.withUnsafeBufferPointer { values in
            for column in 0..<crop.width {
                let line = structure.threshold[column]
                if ridge[column] {
                    for row in 0..<crop.height where values[row * crop.width + column] >= line { ridgeGood += 1 }
                    ridgePixels += crop.height
                } else {
                    for row in 0..<crop.height where values[row * crop.width + column] < line { valleyGood += 1 }
                    valleyPixels += crop.height
                }
            }
        }
        guard ridgePixels > 0, valleyPixels > 0 else { return 0 }
        let alpha = Double(valleyGood) / Double(valleyPixels), beta = Double(ridgeGood) / Double(ridgePixels)
        return 1 - (alpha + beta) / 2
    }

    /// The mean as `cv::mean` takes it (summed four at a time, then times the reciprocal of the
    /// count), so that a mean landing on a limit compares the same way: widths 6, 1, 2 px give
    /// 0.15 divided, just under 0.15 multiplied, and NFIQ 2 scores that block 0.
    private static func openCVMean(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        var sum = 0.0, index = 0
        while index + 4 <= values.count {
            sum += values[index] + values[index + 1] + values[index + 2] + values[index + 3]
            index += 4
        }
        while index < values.count {
            sum += values[index]
            index += 1
        }
        return sum * (1 / Double(values.count))
    }
}
