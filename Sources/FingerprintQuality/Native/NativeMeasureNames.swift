/// The 69 native measures in the order NFIQ 2's forest reads them: seven families of
/// ISO/IEC 29794-4, each a ten-bin histogram with mean and deviation, and single values.
enum NativeMeasureNames {
    static func histogram(_ prefix: String) -> [String] {
        (0..<10).map { "\(prefix)\($0)" } + ["\(prefix)Mean", "\(prefix)StdDev"]
    }

    /// FingerJet FX's minutiae measures in NFIQ 2; here from this module's own minutiae.
    static let minutiae = [
        "FingerJetFX_MinCount_COMMinRect200x200", "FingerJetFX_MinutiaeCount",
        "FJFXPos_Mu_MinutiaeQuality_2", "FJFXPos_OCL_MinutiaeQuality_80",
    ]

    static let forestOrder: [String] =
        histogram("FDA_Bin10_") + minutiae + ["ImgProcROIArea_Mean"] + histogram("LCS_Bin10_") + ["MMB", "Mu"]
        + histogram("OCL_Bin10_") + histogram("OF_Bin10_")
        + ["OrientationMap_ROIFilter_CoherenceRel", "OrientationMap_ROIFilter_CoherenceSum"] + histogram("RVUP_Bin10_")
}
