/// A cheap minutiae estimate: ridges binarised against the local mean, thinned to one pixel
/// (Zhang–Suen), endings and bifurcations counted by crossing number inside the finger
/// (a block in from its edge, where every ridge "ends"). Not a minutiae extractor: on a
/// clear print it finds roughly the true minutiae, on a smudged or noisy one many spurious
/// ones, and that density is what the score uses.
struct RidgeSkeleton {
    /// Skeleton pixels inside the finger: ridge length, grows with usable area.
    private(set) var length = 0
    private(set) var endings = 0
    private(set) var bifurcations = 0
    /// Where the endings and bifurcations are, in the image's pixels.
    private(set) var points: [MinutiaeMeasures.Point] = []
    /// Pixels of finger interior the counts were taken over.
    private(set) var interior = 0

    init(width: Int, height: Int, pixels: [UInt8], mask: ForegroundMask) {
        let n = BlockField.size
        guard mask.columns > 2, mask.rows > 2 else { return }
        let w = mask.columns * n, h = mask.rows * n
        let smooth = Self.boxMean(pixels, width: width, cropWidth: w, cropHeight: h, radius: 1)
        let local = Self.boxMean(smooth, width: w, cropWidth: w, cropHeight: h, radius: 7)
        // Raw pointers and block-wide runs: this loop and the crossing count below visit every
        // pixel of every capture, and checked subscripts with a division per pixel cost more
        // than the thinning itself.
        var ridge = [UInt8](repeating: 0, count: w * h)
        smooth.withUnsafeBufferPointer { smooth in
            local.withUnsafeBufferPointer { local in
                ridge.withUnsafeMutableBufferPointer { ridge in
                    for y in 0..<h {
                        for column in 0..<mask.columns where mask.isSet[(y / n) * mask.columns + column] {
                            for x in (column * n)..<(column * n + n) where smooth[y * w + x] < local[y * w + x] { ridge[y * w + x] = 1 }
                        }
                    }
                }
            }
        }
        Self.thin(&ridge, width: w, height: h)
        let interiorBlocks = (0..<(mask.columns * mask.rows)).map { Self.isInterior(mask, column: $0 % mask.columns, row: $0 / mask.columns) }
        var length = 0, endings = 0, bifurcations = 0
        var points: [MinutiaeMeasures.Point] = []
        ridge.withUnsafeMutableBufferPointer { skeleton in
            for y in 1..<(h - 1) {
                for column in 0..<mask.columns where interiorBlocks[(y / n) * mask.columns + column] {
                    for x in max(1, column * n)..<min(w - 1, column * n + n) where skeleton[y * w + x] == 1 {
                        length += 1
                        switch Self.crossings[Self.pattern(skeleton, w, y * w + x)] {
                        case 1: endings += 1; points.append(.init(x: x, y: y))
                        case 3: bifurcations += 1; points.append(.init(x: x, y: y))
                        default: break
                        }
                    }
                }
            }
        }
        self.length = length
        self.endings = endings
        self.bifurcations = bifurcations
        self.points = points
        for row in 0..<mask.rows {
            for column in 0..<mask.columns where Self.isInterior(mask, column: column, row: row) { interior += n * n }
        }
    }

    /// Minutiae per 10 000 interior pixels (a 0.2 × 0.2 inch square at 500 ppi).
    var density: Double { interior > 0 ? Double(endings + bifurcations) * 10_000 / Double(interior) : 0 }

    private static func isInterior(_ mask: ForegroundMask, column: Int, row: Int) -> Bool {
        for dy in -1...1 {
            for dx in -1...1 {
                let (r, c) = (row + dy, column + dx)
                guard r >= 0, c >= 0, r < mask.rows, c < mask.columns, mask.isSet[r * mask.columns + c] else { return false }
            }
        }
        return true
    }

    /// P2…P9 clockwise from north (as Zhang and Suen number them) as bits 0…7.
    @inline(__always)
    private static func pattern(_ image: UnsafeMutableBufferPointer<UInt8>, _ w: Int, _ i: Int) -> Int {
        Int(image[i - w]) | Int(image[i - w + 1]) << 1 | Int(image[i + 1]) << 2 | Int(image[i + w + 1]) << 3
            | Int(image[i + w]) << 4 | Int(image[i + w - 1]) << 5 | Int(image[i - 1]) << 6 | Int(image[i - w - 1]) << 7
    }

    /// Crossing number of each neighbourhood: 1 at a ridge ending, 3 at a bifurcation.
    private static let crossings: [UInt8] = (0..<256).map { p in
        var transitions = 0
        for k in 0..<8 where (p >> k) & 1 != (p >> ((k + 1) % 8)) & 1 { transitions += 1 }
        return UInt8(transitions / 2)
    }

    /// `deletable` as one table: sub-step × 256 + neighbourhood.
    private static let deletableBoth: [Bool] = deletable[0] + deletable[1]

    /// Whether Zhang–Suen deletes a pixel with this neighbourhood, in sub-step 0 and 1.
    private static let deletable: [[Bool]] = (0..<2).map { step in
        (0..<256).map { p in
            let bit = { (k: Int) in (p >> k) & 1 }
            let set = (0..<8).reduce(0) { $0 + bit($1) }
            guard set >= 2, set <= 6 else { return false }
            var transitions = 0
            for k in 0..<8 where bit(k) == 0 && bit((k + 1) % 8) == 1 { transitions += 1 }
            guard transitions == 1 else { return false }
            return step == 0
                ? (bit(0) * bit(2) * bit(4) == 0 && bit(2) * bit(4) * bit(6) == 0)
                : (bit(0) * bit(2) * bit(6) == 0 && bit(0) * bit(4) * bit(6) == 0)
        }
    }

    /// Mean over a (2r+1)² square through an integral image; the square shrinks at the edges.
    /// Read through raw pointers: this runs on every capture, and checked subscripts made it
    /// an eighth of the whole quality check.
    private static func boxMean(_ source: [UInt8], width: Int, cropWidth w: Int, cropHeight h: Int, radius r: Int) -> [UInt8] {
        let stride = w + 1
        var integral = [Int32](repeating: 0, count: stride * (h + 1))
        var out = [UInt8](repeating: 0, count: w * h)
        source.withUnsafeBufferPointer { src in
            integral.withUnsafeMutableBufferPointer { sums in
                for y in 0..<h {
                    var rowSum: Int32 = 0
                    let above = y * stride, here = (y + 1) * stride, line = y * width
                    for x in 0..<w {
                        rowSum &+= Int32(src[line + x])
                        sums[here + x + 1] = sums[above + x + 1] &+ rowSum
                    }
                }
            }
        }
        // Division by the window's area as a multiplication by its reciprocal in 32-bit fixed
        // point: exact for sums under 2³²/area (here at most 255 × 225), and divisions were
        // most of this function's time.
        let side = 2 * r + 1
        let reciprocal = (0...(side * side)).map { $0 == 0 ? UInt64(0) : UInt64(UInt32.max / UInt32($0)) + 1 }
        integral.withUnsafeBufferPointer { sums in
            out.withUnsafeMutableBufferPointer { out in
                for y in 0..<h {
                    let top = max(0, y - r), bottom = min(h, y + r + 1)
                    let upper = top * stride, lower = bottom * stride
                    for x in 0..<w {
                        let left = max(0, x - r), right = min(w, x + r + 1)
                        let sum = sums[lower + right] &- sums[upper + right] &- sums[lower + left] &+ sums[upper + left]
                        let area = (bottom - top) * (right - left)
                        out[y * w + x] = UInt8(truncatingIfNeeded: (UInt64(UInt32(bitPattern: sum)) &* reciprocal[area]) >> 32)
                    }
                }
            }
        }
        return out
    }

    private static func thin(_ image: inout [UInt8], width w: Int, height h: Int) {
        // Only ridge pixels off the image border are ever candidates; the list shrinks as
        // pixels are deleted or become final.
        var candidates: [Int] = []
        for y in 1..<(h - 1) {
            for x in 1..<(w - 1) where image[y * w + x] == 1 { candidates.append(y * w + x) }
        }
        var remove = [Int](repeating: 0, count: candidates.count)
        var passes = 0
        image.withUnsafeMutableBufferPointer { pixels in
            deletableBoth.withUnsafeBufferPointer { deletable in
                candidates.withUnsafeMutableBufferPointer { candidates in
                    remove.withUnsafeMutableBufferPointer { remove in
                        var live = candidates.count
                        // Ridges are under 10 px wide at 500 ppi; the pass limit bounds the cost of a
                        // hostile image (a solid black square would otherwise take half its width).
                        while passes < 20 {
                            passes += 1
                            var changed = false
                            for step in 0..<2 {
                                var removing = 0
                                for k in 0..<live {
                                    let index = candidates[k]
                                    if pixels[index] == 1 && deletable[step << 8 | pattern(pixels, w, index)] {
                                        remove[removing] = index
                                        removing += 1
                                    }
                                }
                                for k in 0..<removing { pixels[remove[k]] = 0 }
                                changed = changed || removing > 0
                            }
                            if !changed { break }
                            // Keep only the pixels still set, in order.
                            var kept = 0
                            for k in 0..<live where pixels[candidates[k]] != 0 {
                                candidates[kept] = candidates[k]
                                kept += 1
                            }
                            live = kept
                        }
                    }
                }
            }
        }
    }
}
