/// A V4L2 pixel format code (a FourCC such as `YUYV`). `v4l2_fourcc()` is a function-like
/// macro Swift cannot import, so the codes are built here.
public struct PixelFormat: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The FourCC as V4L2 stores it: the first character in the low byte.
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The code for four ASCII characters, as `v4l2_fourcc(a, b, c, d)`.
    public init(_ fourCC: String) {
        var value: UInt32 = 0
        for (index, byte) in fourCC.utf8.prefix(4).enumerated() { value |= UInt32(byte) << (8 * UInt32(index)) }
        rawValue = value
    }

    /// Packed 4:2:2 Y'CbCr, two bytes a pixel: what every UVC camera offers uncompressed.
    public static let yuyv = PixelFormat("YUYV")
    /// Motion-JPEG: each frame a JPEG (often without Huffman tables); high resolutions over USB 2.
    public static let mjpeg = PixelFormat("MJPG")
    /// Plain JPEG frames; some cameras use this code for what is MJPEG.
    public static let jpeg = PixelFormat("JPEG")
    /// 8-bit gray (infrared and monochrome cameras).
    public static let grey = PixelFormat("GREY")

    /// Whether frames in this format are JPEG data.
    public var isJPEG: Bool { self == .mjpeg || self == .jpeg }

    public var description: String {
        String(decoding: (0..<4).map { UInt8(truncatingIfNeeded: rawValue >> (8 * $0)) }.map { (32...126).contains($0) ? $0 : 63 }, as: UTF8.self)
            .trimmingTrailingSpaces()
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
