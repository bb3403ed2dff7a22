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
    /// Pixels of finger interior the counts were taken over.
    private(set) var interior = 0

    init(width: Int, height: Int, pixels: [UInt8], mask: ForegroundMask) {
        let n = BlockField.size
        guard mask.columns > 2, mask.rows > 2 else { return }
        let w = mask.columns * n, h = mask.rows * n
        let smooth = Self.boxMean(pixels, width: width, cropWidth: w, cropHeight: h, radius: 1)
        let local = Self.boxMean(smooth, width: w, cropWidth: w, cropHeight: h, radius: 7)
        var ridge = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w where mask.isSet[(y / n) * mask.columns + x / n] {
                if smooth[y * w + x] < local[y * w + x] { ridge[y * w + x] = 1 }
            }
        }
        Self.thin(&ridge, width: w, height: h)
        for y in 1..<(h - 1) {
            for x in 1..<(w - 1) where ridge[y * w + x] == 1 {
                guard Self.isInterior(mask, column: x / n, row: y / n) else { continue }
                length += 1
                let around = Self.neighbours(ridge, w, x, y)
                var transitions = 0
                for k in 0..<8 where around[k] != around[(k + 1) % 8] { transitions += 1 }
                switch transitions / 2 {
                case 1: endings += 1
                case 3: bifurcations += 1
                default: break
                }
            }
        }
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

    /// P2…P9 clockwise from north, as Zhang and Suen number them.
    private static func neighbours(_ image: [UInt8], _ w: Int, _ x: Int, _ y: Int) -> [UInt8] {
        [image[(y - 1) * w + x], image[(y - 1) * w + x + 1], image[y * w + x + 1], image[(y + 1) * w + x + 1],
         image[(y + 1) * w + x], image[(y + 1) * w + x - 1], image[y * w + x - 1], image[(y - 1) * w + x - 1]]
    }

    /// Mean over a (2r+1)² square through an integral image; the square shrinks at the edges.
    private static func boxMean(_ source: [UInt8], width: Int, cropWidth w: Int, cropHeight h: Int, radius r: Int) -> [UInt8] {
        var integral = [Int](repeating: 0, count: (w + 1) * (h + 1))
        for y in 0..<h {
            var rowSum = 0
            for x in 0..<w {
                rowSum += Int(source[y * width + x])
                integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + rowSum
            }
        }
        var out = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            let top = max(0, y - r), bottom = min(h, y + r + 1)
            for x in 0..<w {
                let left = max(0, x - r), right = min(w, x + r + 1)
                let sum = integral[bottom * (w + 1) + right] - integral[top * (w + 1) + right]
                    - integral[bottom * (w + 1) + left] + integral[top * (w + 1) + left]
                out[y * w + x] = UInt8(sum / ((bottom - top) * (right - left)))
            }
        }
        return out
    }

    private static func thin(_ image: inout [UInt8], width w: Int, height h: Int) {
        var remove: [Int] = []
        var changed = true
        var passes = 0
        // Ridges are under 10 px wide at 500 ppi; the pass limit bounds the cost of a
        // hostile image (a solid black square would otherwise take half its width).
        while changed && passes < 20 {
            changed = false
            passes += 1
            for step in 0..<2 {
                remove.removeAll(keepingCapacity: true)
                for y in 1..<(h - 1) {
                    for x in 1..<(w - 1) where image[y * w + x] == 1 {
                        let p = neighbours(image, w, x, y)
                        let set = p.reduce(0) { $0 + Int($1) }
                        guard set >= 2, set <= 6 else { continue }
                        var transitions = 0
                        for k in 0..<8 where p[k] == 0 && p[(k + 1) % 8] == 1 { transitions += 1 }
                        guard transitions == 1 else { continue }
                        let ok = step == 0
                            ? (p[0] * p[2] * p[4] == 0 && p[2] * p[4] * p[6] == 0)
                            : (p[0] * p[2] * p[6] == 0 && p[0] * p[4] * p[6] == 0)
                        if ok { remove.append(y * w + x) }
                    }
                }
                for index in remove { image[index] = 0 }
                if !remove.isEmpty { changed = true }
            }
        }
    }
}
