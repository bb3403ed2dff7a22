/// The coherence of NFIQ 2's orientation map on the region of interest (QualityMap): per ROI
/// block, |Σ g²| / Σ |g²| over the doubled-angle gradients g² = (gx² − gy², 2·gx·gy) — 1 when
/// every gradient points the same way, near 0 for noise. Sum is over the ROI blocks,
/// Rel the sum divided by their number.
enum OrientationMapCoherence {
    /// `RegionOfInterest.measures` gives these with the region's mean, finding the region once.
    static func measures(_ image: GrayMatrix, region: RegionOfInterest) -> [String: Double] {
        var sum = 0.0
        for block in region.blocks {
            sum += coherence(image, top: block.top, left: block.left, height: block.height, width: block.width)
        }
        let relative = region.blocks.isEmpty ? 0 : sum / Double(region.blocks.count)
        return ["OrientationMap_ROIFilter_CoherenceSum": sum, "OrientationMap_ROIFilter_CoherenceRel": relative]
    }

    /// The block's coherence; 0 for a flat block (no gradient at all).
    static func coherence(_ image: GrayMatrix, top: Int, left: Int, height: Int, width: Int) -> Double {
        var sumCos = 0.0, sumSin = 0.0, sumLength = 0.0
        GradientCovariance.forEachGradient(image, top: top, left: left, height: height, width: width) { gx, gy in
            let sin2 = 2 * gx * gy, cos2 = gx * gx - gy * gy
            sumSin += sin2
            sumCos += cos2
            sumLength += (sin2 * sin2 + cos2 * cos2).squareRoot()
        }
        let resultant = (sumCos * sumCos + sumSin * sumSin).squareRoot()
        guard sumLength > 0, resultant.isFinite else { return 0 }
        return resultant / sumLength
    }
}
