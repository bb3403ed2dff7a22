extension ByteImage {
    /// Black (0) where `isBlack`, holes closed: every white region that does not reach the
    /// image's edge through 4-connected white pixels becomes black. This is what filling the
    /// inner contours OpenCV's `findContours` reports (white regions enclosed by black) does.
    static func holesFilled(_ isBlack: [Bool], width: Int, height: Int) -> [Bool] {
        var outside = [Bool](repeating: false, count: isBlack.count)
        var stack = [Int]()
        func visit(_ index: Int) {
            guard !isBlack[index], !outside[index] else { return }
            outside[index] = true
            stack.append(index)
        }
        for column in 0..<width { visit(column); visit((height - 1) * width + column) }
        for row in 0..<height { visit(row * width); visit(row * width + width - 1) }
        while let index = stack.popLast() {
            let row = index / width, column = index % width
            if column > 0 { visit(index - 1) }
            if column < width - 1 { visit(index + 1) }
            if row > 0 { visit(index - width) }
            if row < height - 1 { visit(index + width) }
        }
        return outside.map { !$0 }
    }

    /// Only the 4-connected black region whose bounding box is largest (the first found in
    /// raster order on a tie), as NFIQ 2 keeps it with flood fills: the smaller blobs at the
    /// edges are not part of the finger.
    static func largestRegion(_ isBlack: [Bool], width: Int, height: Int) -> [Bool] {
        var label = [Int32](repeating: -1, count: isBlack.count)
        var stack = [Int]()
        var best: Int32 = -1, bestArea = 0, next: Int32 = 0
        for seed in isBlack.indices where isBlack[seed] && label[seed] < 0 {
            var minRow = Int.max, maxRow = Int.min, minColumn = Int.max, maxColumn = Int.min
            label[seed] = next
            stack.append(seed)
            while let index = stack.popLast() {
                let row = index / width, column = index % width
                minRow = min(minRow, row); maxRow = max(maxRow, row)
                minColumn = min(minColumn, column); maxColumn = max(maxColumn, column)
                for neighbour in [column > 0 ? index - 1 : -1, column < width - 1 ? index + 1 : -1,
                                  row > 0 ? index - width : -1, row < height - 1 ? index + width : -1]
                    where neighbour >= 0 && isBlack[neighbour] && label[neighbour] < 0 {
                    label[neighbour] = next
                    stack.append(neighbour)
                }
            }
            let area = (maxRow - minRow + 1) * (maxColumn - minColumn + 1)
            if area > bestArea { (best, bestArea) = (next, area) }
            next += 1
        }
        return label.map { $0 == best && best >= 0 }
    }
}
