/// Which blocks hold the finger: enough contrast, as one solid region. An opening removes
/// isolated specks (dust, a latent print's fragments); holes inside are filled, because a
/// scar or a dry patch inside the print is part of the finger and should count against its
/// quality, not shrink its area.
struct ForegroundMask {
    let columns: Int
    let rows: Int
    var isSet: [Bool]

    init(_ field: BlockField, minimumDeviation: Float) {
        columns = field.columns
        rows = field.rows
        // Flat but clearly darker than the empty platen is skin too: a wet smear or a finger
        // pressed so hard the valleys closed. It belongs to the print and counts against it.
        let sorted = field.mean.sorted()
        let platen = sorted.isEmpty ? 255 : sorted[sorted.count * 9 / 10]
        let raw = zip(field.deviation, field.mean).map { $0 > minimumDeviation || $1 < platen - 60 }
        isSet = field.mean.isEmpty ? [] : Self.fillHoles(Self.dilate(Self.erode(raw, columns, rows), columns, rows), columns, rows)
    }

    var count: Int { isSet.reduce(0) { $0 + ($1 ? 1 : 0) } }

    private static func erode(_ mask: [Bool], _ columns: Int, _ rows: Int) -> [Bool] {
        neighbourhood(mask, columns, rows, all: true)
    }

    private static func dilate(_ mask: [Bool], _ columns: Int, _ rows: Int) -> [Bool] {
        neighbourhood(mask, columns, rows, all: false)
    }

    /// 3×3 erosion (`all`) or dilation; outside the image counts as set for erosion so a
    /// finger touching the edge keeps its edge blocks.
    private static func neighbourhood(_ mask: [Bool], _ columns: Int, _ rows: Int, all: Bool) -> [Bool] {
        var out = mask
        for row in 0..<rows {
            for column in 0..<columns {
                var result = all
                for dy in -1...1 {
                    for dx in -1...1 {
                        let (r, c) = (row + dy, column + dx)
                        let value = r < 0 || c < 0 || r >= rows || c >= columns ? all : mask[r * columns + c]
                        if all { result = result && value } else { result = result || value }
                    }
                }
                out[row * columns + column] = result
            }
        }
        return out
    }

    /// Background reachable from the border stays background; every other block is finger.
    private static func fillHoles(_ mask: [Bool], _ columns: Int, _ rows: Int) -> [Bool] {
        var outside = [Bool](repeating: false, count: mask.count)
        var stack: [Int] = []
        for row in 0..<rows {
            for column in 0..<columns where row == 0 || column == 0 || row == rows - 1 || column == columns - 1 {
                let index = row * columns + column
                if !mask[index] && !outside[index] { outside[index] = true; stack.append(index) }
            }
        }
        while let index = stack.popLast() {
            let (row, column) = (index / columns, index % columns)
            for (r, c) in [(row - 1, column), (row + 1, column), (row, column - 1), (row, column + 1)]
            where r >= 0 && c >= 0 && r < rows && c < columns {
                let next = r * columns + c
                if !mask[next] && !outside[next] { outside[next] = true; stack.append(next) }
            }
        }
        return outside.map { !$0 }
    }
}
