import CTurboJPEG

/// MJPEG frames and JPEG files to RGB or gray through libturbojpeg (SIMD inside). Damaged,
/// truncated and oversized input throws; the header is checked against the limits before
/// any pixel memory is allocated. UVC MJPEG frames without Huffman tables decode too
/// (libjpeg-turbo supplies the standard tables).
///
/// Not Sendable: a TurboJPEG handle is used by one thread at a time. Make one per stream.
public final class JPEGDecoder {
    private let handle: tjhandle
    /// The largest image it will decode.
    public let limits: ImageLimits

    public init(limits: ImageLimits = .camera) throws(ImagingError) {
        guard let handle = tjInitDecompress() else { throw ImagingError.library("tjInitDecompress failed") }
        self.handle = handle
        self.limits = limits
    }

    deinit { tjDestroy(handle) }

    /// Width and height from the header, checked against the limits.
    public func size(of jpeg: [UInt8]) throws(ImagingError) -> (width: Int, height: Int) {
        guard jpeg.count >= 4, jpeg[0] == 0xFF, jpeg[1] == 0xD8 else { throw ImagingError.corrupt("not JPEG data (no SOI marker)") }
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
        let status = jpeg.withUnsafeBufferPointer {
            tjDecompressHeader3(handle, $0.baseAddress, UInt($0.count), &width, &height, &subsampling, &colorspace)
        }
        guard status == 0 else { throw ImagingError.corrupt("JPEG header: \(lastError)") }
        try limits.check(width: Int(width), height: Int(height))
        return (Int(width), Int(height))
    }

    /// Decodes to RGB.
    public func rgb(_ jpeg: [UInt8]) throws(ImagingError) -> RGBImage {
        let (width, height) = try size(of: jpeg)
        let pixels = try decode(jpeg, width: width, height: height, channels: 3, format: TJPF_RGB)
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// Decodes to gray (luma only: libjpeg skips the colour conversion).
    public func gray(_ jpeg: [UInt8]) throws(ImagingError) -> GrayImage {
        let (width, height) = try size(of: jpeg)
        let pixels = try decode(jpeg, width: width, height: height, channels: 1, format: TJPF_GRAY)
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    private func decode(_ jpeg: [UInt8], width: Int, height: Int, channels: Int, format: TJPF) throws(ImagingError) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        let status = jpeg.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { out in
                tjDecompress2(handle, source.baseAddress, UInt(source.count), out.baseAddress,
                              Int32(width), Int32(width * channels), Int32(height), Int32(format.rawValue), 0)
            }
        }
        // A warning ("premature end of data") also answers -1: a truncated frame is corrupt.
        guard status == 0 else { throw ImagingError.corrupt("JPEG data: \(lastError)") }
        return pixels
    }

    private var lastError: String { String(cString: tjGetErrorStr2(handle)) }
}
