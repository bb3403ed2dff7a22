import CTurboJPEG

/// RGB or gray images to JPEG through libturbojpeg, for stills (`enrollctl camera test --save`).
///
/// Not Sendable: one TurboJPEG handle, one thread at a time.
public final class JPEGEncoder {
    private let handle: tjhandle
    /// 1...100.
    public var quality: Int

    public init(quality: Int = 90) throws(ImagingError) {
        guard let handle = tjInitCompress() else { throw ImagingError.library("tjInitCompress failed") }
        self.handle = handle
        self.quality = min(max(quality, 1), 100)
    }

    deinit { tjDestroy(handle) }

    /// JPEG of an RGB image, 4:2:0.
    public func encode(_ image: RGBImage) throws(ImagingError) -> [UInt8] {
        try encode(image.pixels, width: image.width, height: image.height, channels: 3, format: TJPF_RGB, subsampling: TJSAMP_420)
    }

    /// JPEG of a gray image.
    public func encode(_ image: GrayImage) throws(ImagingError) -> [UInt8] {
        try encode(image.pixels, width: image.width, height: image.height, channels: 1, format: TJPF_GRAY, subsampling: TJSAMP_GRAY)
    }

    private func encode(_ pixels: [UInt8], width: Int, height: Int, channels: Int, format: TJPF, subsampling: TJSAMP) throws(ImagingError) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let status = pixels.withUnsafeBufferPointer { source in
            tjCompress2(handle, source.baseAddress, Int32(width), Int32(width * channels), Int32(height), Int32(format.rawValue),
                        &output, &size, Int32(subsampling.rawValue), Int32(quality), 0)
        }
        defer { if let output { tjFree(output) } }
        guard status == 0, let output else { throw ImagingError.encode(String(cString: tjGetErrorStr2(handle))) }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }
}
