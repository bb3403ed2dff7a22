import Imaging

extension Frame {
    /// The frame as an RGB image, whatever format the camera sends (those `FormatPolicy`
    /// chooses): JPEG frames decoded, YUYV and gray rows read with the driver's row stride
    /// (`format.bytesPerLine`), so padded rows do not shear the picture. `decoder` saves
    /// setting up libturbojpeg per frame in a stream. Throws on a damaged or short frame,
    /// and on a format `FormatPolicy` never chooses.
    public func rgb(decoder: JPEGDecoder? = nil) throws(ImagingError) -> RGBImage {
        let size = format.size
        switch format.pixelFormat {
        case .mjpeg, .jpeg:
            if let decoder { return try decoder.rgb(bytes) }
            return try JPEGDecoder().rgb(bytes)
        case .grey:
            return RGBImage(gray: try GrayImage(rows: bytes, width: size.width, height: size.height, bytesPerLine: format.bytesPerLine))
        case .yuyv:
            return try YUYVConverter.convert(bytes, width: size.width, height: size.height, bytesPerLine: format.bytesPerLine).rgb
        default:
            throw ImagingError.unsupported("\(format.pixelFormat) frames (only YUYV, GREY and JPEG are converted)")
        }
    }
}
