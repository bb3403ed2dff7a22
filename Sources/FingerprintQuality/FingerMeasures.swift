import EnrollCore

/// Every measure of one print at 500 ppi, named the way `enrollctl quality finger` prints them.
public struct FingerMeasures: Sendable, Equatable {
    /// Foreground blocks (16×16 px each).
    public var foregroundBlocks = 0
    /// Foreground as a share of the image, 0…1.
    public var foregroundShare = 0.0
    /// Foreground blocks with clearly oriented ridges (coherence > 0.6).
    public var coherentBlocks = 0
    /// Blocks that look like friction ridges: oriented, clear, and at a ridge period.
    public var ridgeBlocks = 0
    /// Sum of the orientation coherence over the foreground.
    public var coherenceSum = 0.0
    /// Mean orientation coherence over the foreground, 0…1.
    public var coherenceMean = 0.0
    /// Sum of the ridge–valley clarity (capped at 3 a block) over the foreground.
    public var claritySum = 0.0
    /// Mean ridge–valley clarity over the foreground.
    public var clarityMean = 0.0
    /// Share of foreground blocks that are smudged or blank (low coherence or clarity).
    public var smudgedShare = 0.0
    /// Median ridge period in pixels (≈ 9–10 at 500 ppi for an adult).
    public var ridgePeriod = 0.0
    /// Mean gray level of the foreground (0 black … 255 white).
    public var foregroundMean = 0.0
    /// Mean local standard deviation of the foreground: contrast.
    public var contrast = 0.0
    /// Distance of the foreground's centroid from the image centre, as a share of the
    /// image's half-size (0 centred, 1 at the edge).
    public var centreOffset = 0.0
    /// Estimated minutiae inside the finger (endings and bifurcations of the skeleton).
    public var minutiae = 0
    /// Estimated minutiae per 10 000 interior pixels; high on noisy or smudged prints.
    public var minutiaeDensity = 0.0
    /// Skeleton length inside the finger, thousands of pixels.
    public var ridgeLength = 0.0
    /// Share of the image's border blocks the finger covers: a finger cut off by the
    /// sensor's edge has lost part of its area.
    public var borderContact = 0.0
    /// Share of foreground blocks whose profile across the ridges repeats regularly.
    public var periodicShare = 0.0
    /// Where the estimated minutiae are, in the 500 ppi image's pixels: NFIQ 2's minutiae
    /// measures are taken at them.
    var minutiaPoints: [MinutiaeMeasures.Point] = []

    public init() {}

    /// By name, for `CaptureQuality.measures` and JSON output.
    public var named: [String: Double] {
        [
            "foreground_blocks": Double(foregroundBlocks), "foreground_share": foregroundShare,
            "coherent_blocks": Double(coherentBlocks), "ridge_blocks": Double(ridgeBlocks),
            "coherence_sum": coherenceSum, "coherence_mean": coherenceMean,
            "clarity_sum": claritySum, "clarity_mean": clarityMean, "smudged_share": smudgedShare,
            "ridge_period": ridgePeriod, "foreground_mean": foregroundMean, "contrast": contrast,
            "centre_offset": centreOffset, "minutiae": Double(minutiae), "minutiae_density": minutiaeDensity,
            "ridge_length": ridgeLength, "border_contact": borderContact,
            "periodic_share": periodicShare,
        ]
    }
}
