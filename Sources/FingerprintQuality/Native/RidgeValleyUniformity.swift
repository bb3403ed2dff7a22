/// NFIQ 2's ridge–valley uniformity (RVUP): in each block of the ridge area, turned so the
/// ridges run down the columns and cut to 32 columns × 16 rows, the ratios of neighbouring
/// ridge and valley widths. Every complete ridge or valley gives a value, so a print
/// contributes many values per block; uniform prints keep them near 1.
enum RidgeValleyUniformity: RotatedBlockMeasure {
    static let edges = [0.5, 0.667, 0.8, 1, 1.25, 1.5, 2, 24, 30]

    static let prefix = "RVUP_Bin10_"

    static func values(_ window: RotatedBlocks.Window) -> [Double] { ratios(window) }

    static func ratios(_ window: RotatedBlocks.Window) -> [Double] {
        let side = RotatedBlocks.windowSide, centre = side / 2
        let along = RotatedBlocks.slantedLength / 2, across = RotatedBlocks.slantedWidth / 2
        let crop = RotatedBlock.crop(window, padded: true, angle: window.orientation,
                                     rows: (centre - across)..<(centre + across),
                                     columns: (centre - along)..<(centre + along))
        return ratios(RidgeValleyStructure(crop).isRidge)
    }

    /// Width ratios of the ridge/valley runs of one profile. The runs cut by the crop's edges are
    /// dropped; the original also never looks at the last column for a change, kept here.
    static func ratios(_ ridge: [Bool]) -> [Double] {
        guard ridge.count > 2 else { return [] }
        let changes = (1..<(ridge.count - 1)).filter { ridge[$0] != ridge[$0 - 1] }.map { $0 - 1 }
        guard let first = changes.first, let last = changes.last, first + 1 < last else { return [] }
        let startsWithRidge = ridge[first + 1]
        let offsets = changes.dropFirst().map { $0 - first }
        guard offsets.count > 1 else { return [] }
        // Widths of the complete runs, last run first (the order the original walks them in).
        let widths = (1..<offsets.count).reversed().map { Double(offsets[$0] - offsets[$0 - 1]) }
        var ratios = (0..<max(widths.count - 1, 0)).map { widths[$0] / widths[$0 + 1] }
        // Every other ratio inverted, starting by whether the complete part begins with a ridge.
        for index in stride(from: startsWithRidge ? 1 : 0, to: ratios.count, by: 2) { ratios[index] = 1 / ratios[index] }
        return ratios
    }
}
