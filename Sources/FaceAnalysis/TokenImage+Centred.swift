import Imaging

extension TokenImage {
    /// The token image's size cut from the middle of the frame (the largest 3:4 portrait
    /// region, scaled), for frames where no face can be located because none is checked
    /// (a virtual camera): the record gets the same geometry and never the whole frame.
    public static func centred(from frame: RGBImage, width: Int = 480) -> RGBImage {
        precondition(width >= 8 && frame.width > 0 && frame.height > 0, "a token image needs a width and a frame")
        let height = Int((Double(width) / 0.75).rounded())
        // The crop: as tall as the frame if the frame is wider than 3:4, else as wide.
        let cropWidth = min(Double(frame.width), Double(frame.height) * 0.75)
        let cropHeight = cropWidth / 0.75
        let left = (Double(frame.width) - cropWidth) / 2, top = (Double(frame.height) - cropHeight) / 2
        let step = cropWidth / Double(width)
        var out = [UInt8](repeating: 0, count: width * height * 3)
        for v in 0..<height {
            let y = min(frame.height - 1, Int(top + (Double(v) + 0.5) * step))
            for u in 0..<width {
                let x = min(frame.width - 1, Int(left + (Double(u) + 0.5) * step))
                let from = (y * frame.width + x) * 3, to = (v * width + u) * 3
                out[to] = frame.pixels[from]
                out[to + 1] = frame.pixels[from + 1]
                out[to + 2] = frame.pixels[from + 2]
            }
        }
        return RGBImage(width: width, height: height, pixels: out)
    }
}
