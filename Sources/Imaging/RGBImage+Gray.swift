extension RGBImage {
    /// Rec. 601 luma, the gray a face detector and the exposure checks expect.
    public var luma: GrayImage {
        var gray = [UInt8](repeating: 0, count: width * height)
        pixels.withUnsafeBufferPointer { rgb in
            for index in 0..<(width * height) {
                let base = index * 3
                let red: Int = 299 * Int(rgb[base])
                let green: Int = 587 * Int(rgb[base + 1])
                let blue: Int = 114 * Int(rgb[base + 2])
                gray[index] = UInt8((red + green + blue + 500) / 1000)
            }
        }
        return GrayImage(width: width, height: height, pixels: gray)
    }
}
