/// A measure NFIQ 2 takes on every rotated block of the ridge area and summarises as a
/// ten-bin histogram (FDA, LCS, RVUP): each gives its values per block, the rest is shared.
protocol RotatedBlockMeasure {
    /// `FDA_Bin10_`, ….
    static var prefix: String { get }
    static var edges: [Double] { get }
    /// What one block contributes (a score, or one value per ridge and valley).
    static func values(_ window: RotatedBlocks.Window) -> [Double]
}

extension RotatedBlockMeasure {
    static func measures(_ image: GrayMatrix) -> [String: Double] {
        measures(RotatedBlocks(image))
    }

    static func measures(_ blocks: RotatedBlocks) -> [String: Double] {
        MeasureHistogram.features(prefix: prefix, edges: edges, values: blocks.windows.flatMap { values($0) })
    }
}
