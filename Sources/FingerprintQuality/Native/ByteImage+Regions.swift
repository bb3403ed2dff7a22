extension ByteImage {
    /// Black where `isBlack`, holes closed: every white region that does not reach the image's
    /// edge through 4-connected white pixels becomes black. This is what filling the inner
    /// contours OpenCV's `findContours` reports (white regions enclosed by black) does.
    static func holesFilled(_ isBlack: [Bool], width: Int, height: Int) -> [Bool] {
        guard width > 0, height > 0 else { return isBlack }
        // Start from all black and clear what the outside reaches.
        var closed = [Bool](repeating: true, count: isBlack.count)
        var seeds = [Int]()
        for column in 0..<width { seeds += [column, (height - 1) * width + column] }
        for row in 0..<height { seeds += [row * width, row * width + width - 1] }
        isBlack.withUnsafeBufferPointer { black in
            closed.withUnsafeMutableBufferPointer { closed in
                flood(from: seeds, width: width, height: height) { index, _, _ in
                    guard !black[index], closed[index] else { return false }
                    closed[index] = false
                    return true
                }
            }
        }
        return closed
    }

    /// Only the 4-connected black region whose bounding box is largest (the first found in
    /// raster order on a tie), as NFIQ 2 keeps it with flood fills: the smaller blobs at the
    /// edges are not part of the finger.
    static func largestRegion(_ isBlack: [Bool], width: Int, height: Int) -> [Bool] {
        var label = [Int32](repeating: -1, count: isBlack.count)
        var best: Int32 = -1, bestArea = 0, next: Int32 = 0
        isBlack.withUnsafeBufferPointer { black in
            label.withUnsafeMutableBufferPointer { label in
                for seed in 0..<black.count where black[seed] && label[seed] < 0 {
                    var minRow = Int.max, maxRow = Int.min, minColumn = Int.max, maxColumn = Int.min
                    flood(from: [seed], width: width, height: height) { index, row, column in
                        guard black[index], label[index] < 0 else { return false }
                        label[index] = next
                        minRow = min(minRow, row); maxRow = max(maxRow, row)
                        minColumn = min(minColumn, column); maxColumn = max(maxColumn, column)
                        return true
                    }
                    let area = (maxRow - minRow + 1) * (maxColumn - minColumn + 1)
                    if area > bestArea { (best, bestArea) = (next, area) }
                    next += 1
                }
            }
        }
        return label.map { $0 == best && best >= 0 }
    }

    /// Visits the 4-connected pixels reachable from `seeds` through those that `take` accepts;
    /// `take` gets the index, row and column, and marks a pixel as it accepts it, so each is
    /// visited once. The stack keeps row and column apart, sparing a division per pixel.
    @inline(__always)
    private static func flood(from seeds: [Int], width: Int, height: Int, take: (Int, Int, Int) -> Bool) {
        var stack = [(row: Int, column: Int)]()
        for seed in seeds where take(seed, seed / width, seed % width) { stack.append((seed / width, seed % width)) }
        while let (row, column) = stack.popLast() {
            let index = row * width + column
            if column > 0, take(index - 1, row, column - 1) { stack.append((row, column - 1)) }
            if column < width - 1, take(index + 1, row, column + 1) { stack.append((row, column + 1)) }
            if row > 0, take(index - width, row - 1, column) { stack.append((row - 1, column)) }
            if row < height - 1, take(index + width, row + 1, column) { stack.append((row + 1, column)) }
        }
    }
}
