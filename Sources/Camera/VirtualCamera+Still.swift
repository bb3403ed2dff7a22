import Imaging

extension VirtualCamera {
    /// One YUYV frame of `still`, scaled to cover the frame and cut to it around the middle
    /// (as a webcam's wider view is cropped), nearest pixel: a demo or a browser test can
    /// put a real photograph in front of the face checks. 4:2:2, so each pair of pixels
    /// shares the chroma of their mean colour (BT.601, the range V4L2 cameras deliver).
    public static func frame(of still: RGBImage, size: FrameSize) -> [UInt8] {
        var bytes = [UInt8](repeating: 128, count: size.area * 2)
        guard still.width > 0, still.height > 0, size.width > 1, size.height > 0 else { return bytes }
        let scale = max(Double(size.width) / Double(still.width), Double(size.height) / Double(still.height))
        let offsetX = (Double(still.width) * scale - Double(size.width)) / 2
        let offsetY = (Double(still.height) * scale - Double(size.height)) / 2
        func sample(_ x: Int, _ y: Int) -> (Double, Double, Double) {
            let sx = min(still.width - 1, max(0, Int((Double(x) + offsetX) / scale)))
            let sy = min(still.height - 1, max(0, Int((Double(y) + offsetY) / scale)))
            let i = (sy * still.width + sx) * 3
            return (Double(still.pixels[i]), Double(still.pixels[i + 1]), Double(still.pixels[i + 2]))
        }
        func luma(_ p: (Double, Double, Double)) -> UInt8 {
            UInt8(max(0, min(255, (16 + 0.257 * p.0 + 0.504 * p.1 + 0.098 * p.2).rounded())))
        }
        for y in 0..<size.height {
            for x in stride(from: 0, to: size.width - 1, by: 2) {
                let a = sample(x, y), b = sample(x + 1, y)
                let r = (a.0 + b.0) / 2, g = (a.1 + b.1) / 2, bl = (a.2 + b.2) / 2
                let u = 128 - 0.148 * r - 0.291 * g + 0.439 * bl
                let v = 128 + 0.439 * r - 0.368 * g - 0.071 * bl
                let base = (y * size.width + x) * 2
                bytes[base] = luma(a)
                bytes[base + 1] = UInt8(max(0, min(255, u.rounded())))
                bytes[base + 2] = luma(b)
                bytes[base + 3] = UInt8(max(0, min(255, v.rounded())))
            }
        }
        return bytes
    }
}
