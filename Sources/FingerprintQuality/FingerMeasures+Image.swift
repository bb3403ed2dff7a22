import EnrollCore

extension FingerMeasures {
    /// Blocks with less gray-level spread than this are empty platen or a flat smudge.
    static let minimumDeviation: Float = 10

    /// Measures a print already at 500 ppi.
    init(measuring image: FingerprintImage) {
        self.init()
        let field = BlockField(width: image.width, height: image.height, pixels: image.pixels)
        let mask = ForegroundMask(field, minimumDeviation: Self.minimumDeviation)
        let total = field.columns * field.rows
        guard total > 0 else { return }
        var periods: [Float] = []
        var sumX = 0.0, sumY = 0.0, smudged = 0, gray = 0.0, spread = 0.0, border = 0, periodic = 0
        for index in 0..<total where mask.isSet[index] {
            foregroundBlocks += 1
            let (column, row) = (index % field.columns, index / field.columns)
            if column == 0 || row == 0 || column == field.columns - 1 || row == field.rows - 1 { border += 1 }
            let coherence = Double(field.coherence[index]), clarity = Double(field.clarity[index])
            coherenceSum += coherence
            claritySum += min(max(clarity, 0), 3)
            gray += Double(field.mean[index])
            spread += Double(field.deviation[index])
            sumX += Double(index % field.columns) + 0.5
            sumY += Double(index / field.columns) + 0.5
            if coherence > 0.6 { coherentBlocks += 1 }
            // Coherence and clarity do not see amplitude: a smear leaves faint but regular
            // ridges, so a flat block counts as smudged too.
            if coherence < 0.3 || clarity < 0.8 || field.deviation[index] <= Self.minimumDeviation { smudged += 1 }
            if field.periodicity[index] > 1 { periodic += 1 }
            let period = field.period[index]
            if period > 0 { periods.append(period) }
            if coherence > 0.45, clarity > 1, period >= 5, period <= 16 { ridgeBlocks += 1 }
        }
        foregroundShare = Double(foregroundBlocks) / Double(total)
        borderContact = Double(border) / Double(max(1, 2 * (field.columns + field.rows) - 4))
        guard foregroundBlocks > 0 else { return }
        let count = Double(foregroundBlocks)
        coherenceMean = coherenceSum / count
        clarityMean = claritySum / count
        smudgedShare = Double(smudged) / count
        periodicShare = Double(periodic) / count
        foregroundMean = gray / count
        contrast = spread / count
        periods.sort()
        ridgePeriod = periods.isEmpty ? 0 : Double(periods[periods.count / 2])
        let offsetX = abs(sumX / count - Double(field.columns) / 2) / (Double(field.columns) / 2)
        let offsetY = abs(sumY / count - Double(field.rows) / 2) / (Double(field.rows) / 2)
        centreOffset = max(offsetX, offsetY)
        let skeleton = RidgeSkeleton(width: image.width, height: image.height, pixels: image.pixels, mask: mask)
        minutiae = skeleton.endings + skeleton.bifurcations
        minutiaPoints = skeleton.points
        minutiaeDensity = skeleton.density
        ridgeLength = Double(skeleton.length) / 1000
    }
}
