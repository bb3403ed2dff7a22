import EnrollCore

/// NFIQ 2's 69 native quality measures (ISO/IEC 29794-4) of one print at 500 ppi, computed in
/// Swift: the input of NIST's forest. Every family but the minutiae one reproduces NIST's
/// values on the FVC2002 fixtures (Tests/FingerprintQualityTests/NativeMeasureAgreementTests).
/// NFIQ 2 takes its four minutiae measures from FingerJet FX, which is not here: see
/// `NativeMinutiae` for what stands in.
public struct NativeQualityMeasures: Sendable {
    /// How the measures are named among a capture's measures: `nfiq2.FDA_Bin10_0`, ….
    public static let prefix = "nfiq2."
    static let minimumRidgeBlocks = 10

    /// By NFIQ 2's names.
    public let values: [String: Double]

    /// In the forest's order.
    public var forestInput: [Double] { NativeMeasureNames.forestOrder.map { values[$0] ?? 0 } }

    /// nil where NFIQ 2 refuses to score: the image is all near-white frame, what is left
    /// inside the frame is smaller than one 32×32 block, or fewer than ten 32×32 blocks are
    /// ridge area (NFIQ 2's frequency analysis needs one per histogram bin). `skeleton` holds this
    /// module's own minutiae estimate in `print`'s pixels, used with `.skeleton`.
    init?(_ print: FingerprintImage, minutiae source: NativeMinutiae, skeleton: [MinutiaeMeasures.Point]) {
        guard let bounds = NearWhiteFrame.bounds(of: print) else { return nil }
        let cropped = NearWhiteFrame.cropped(print, to: bounds)
        guard cropped.width >= 32, cropped.height >= 32 else { return nil }
        let image = GrayMatrix(cropped)
        var values = [String: Double]()
        func add(_ family: [String: Double]) { values.merge(family) { first, _ in first } }
        // FDA, LCS, RVUP and OF segment the print the same way: once is enough.
        let segmentation = RidgeSegmentation(image, blockSize: RotatedBlocks.blockSize, threshold: RotatedBlocks.segmentationThreshold)
        let rotated = RotatedBlocks(image, segmentation: segmentation)
        guard rotated.windows.count >= Self.minimumRidgeBlocks else { return nil }
        add(FrequencyDomainAnalysis.measures(rotated))
        add(LocalClarity.measures(rotated))
        add(RidgeValleyUniformity.measures(rotated))
        add(OrientationCertainty.measures(image))
        add(OrientationFlow.measures(image, segmentation: segmentation))
        add(RegionOfInterest.measures(image))
        add(GrayLevelMeans.measures(image))
        switch source {
        case .typical:
            add(MinutiaeMeasures.typical)
        case .skeleton:
            let inside = skeleton.map { MinutiaeMeasures.Point(x: $0.x - bounds.left, y: $0.y - bounds.top) }
                .filter { $0.x >= 0 && $0.y >= 0 && $0.x < image.width && $0.y < image.height }
            add(MinutiaeMeasures.measures(inside, image: image))
        }
        self.values = values
    }
}

/// What stands in for FingerJet FX's four minutiae measures in NFIQ 2's forest.
public enum NativeMinutiae: String, Sendable, CaseIterable {
    /// FingerJet's typical values on 500 ppi plain prints, so the forest judges the print by
    /// the 65 other measures (the default: it agrees with NFIQ 2 best, README Quality).
    case typical
    /// This module's skeleton minutiae, which count far more than FingerJet on the same print
    /// (spurious endings at breaks and smudges) and mislead the forest somewhat.
    case skeleton
}
