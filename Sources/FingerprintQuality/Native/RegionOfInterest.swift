/// The finger's area as NFIQ 2 finds it (ImgProcROI): the print eroded, blurred and split with
/// Otsu's threshold, blurred and split again, holes closed, and only the largest dark region
/// kept. Its 32×32 blocks that hold any of it are the blocks the orientation map is read on.
struct RegionOfInterest: Sendable {
    static let blockSize = 32

    /// A block of the 32-pixel grid; those at the right and bottom edges may be smaller.
    struct Block: Sendable, Equatable {
        let top: Int, left: Int, height: Int, width: Int
    }

    /// One flag per pixel, row-major: inside the region.
    let mask: [Bool]
    /// The grid blocks holding at least one pixel of the region (and some all-white partial
    /// ones, see `touches`), in raster order.
    let blocks: [Block]
    /// The mean gray level of the image under the region; 255 (white) when there is none.
    let meanGrayLevel: Double

    init(_ image: GrayMatrix) {
        let width = image.width, height = image.height
        let bytes = ByteImage(image)
        // The sizes are NFIQ 2's: a 5×5 erosion darkens ridges into a solid area, a 41-pixel
        // blur and Otsu find it, a 91-pixel blur and Otsu round it off.
        let first = bytes.eroded(size: 5).gaussianBlurred(size: 41)
        let coarse = first.binarized(above: first.otsuThreshold)
        let smooth = coarse.gaussianBlurred(size: 91)
        let second = smooth.binarized(above: smooth.otsuThreshold)
        let black = second.pixels.map { $0 == 0 }
        let mask = ByteImage.largestRegion(ByteImage.holesFilled(black, width: width, height: height), width: width, height: height)

        var sum = 0, count = 0
        for index in mask.indices where mask[index] {
            sum += Int(bytes.pixels[index])
            count += 1
        }
        var blocks = [Block]()
        for top in stride(from: 0, to: height, by: Self.blockSize) {
            for left in stride(from: 0, to: width, by: Self.blockSize) {
                let block = Block(top: top, left: left, height: min(Self.blockSize, height - top), width: min(Self.blockSize, width - left))
                if Self.touches(mask, block, width: width) { blocks.append(block) }
            }
        }
        self.mask = mask
        self.blocks = blocks
        self.meanGrayLevel = count > 0 ? Double(sum) / Double(count) : 255
    }

    /// ImgProcROIArea_Mean and the orientation-map coherence on the region's blocks, which
    /// need the same region: finding it is most of the cost, so it is found once for all three.
    static func measures(_ image: GrayMatrix) -> [String: Double] {
        let region = RegionOfInterest(image)
        var out = OrientationMapCoherence.measures(image, region: region)
        out["ImgProcROIArea_Mean"] = region.meanGrayLevel
        return out
    }

    /// Whether NFIQ 2 takes the block: the mean of the binary mask over it (255 outside the
    /// region) is below 255. That mean is the sum times 1/n, which falls a hair below 255 for
    /// some sizes of all-white partial blocks at the edges, and NFIQ 2 takes those too.
    private static func touches(_ mask: [Bool], _ block: Block, width: Int) -> Bool {
        var white = 0
        for row in block.top..<(block.top + block.height) {
            for column in block.left..<(block.left + block.width) where !mask[row * width + column] { white += 1 }
        }
        return Double(255 * white) * (1 / Double(block.height * block.width)) < 255
    }
}
