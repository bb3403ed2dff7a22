import EnrollCore
import Foundation

extension ImageFile {
    /// Whether the bytes start like a JPEG (SOI marker then another marker).
    static func isJPEG(_ data: [UInt8]) -> Bool { data.count >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF }

    /// A photograph from a PNG, JPEG or TIFF file, as RGB (gray files are repeated into the
    /// three channels). Unknown or damaged files are refused with the reason.
    public static func rgb(_ data: [UInt8]) throws(ImagingError) -> RGBImage {
        if data.starts(with: PNG.signature) { return try PNG.decode(data).rgb() }
        if isJPEG(data) { return try JPEGDecoder().rgb(data) }
        if data.starts(with: [0x49, 0x49]) || data.starts(with: [0x4D, 0x4D]) {
            let gray = try TIFF.decode(data)
            return RGBImage(width: gray.width, height: gray.height, pixels: gray.pixels.flatMap { [$0, $0, $0] })
        }
        throw .unsupported("not a PNG, JPEG or TIFF file")
    }

    public static func readRGB(path: String) throws -> RGBImage {
        try rgb(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }
}

extension RasterImage {
    /// Three bytes a pixel; gray is repeated, alpha dropped (photographs, unlike libfprint's
    /// example prints, keep their picture in the colour channels).
    public func rgb() -> RGBImage {
        var out = [UInt8](repeating: 0, count: width * height * 3)
        for pixel in 0..<(width * height) {
            let base = pixel * channels
            for channel in 0..<3 {
                out[pixel * 3 + channel] = channels >= 3 ? samples[base + channel] : samples[base]
            }
        }
        return RGBImage(width: width, height: height, pixels: out)
    }
}
