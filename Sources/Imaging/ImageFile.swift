import EnrollCore
import Foundation

/// Reads a fingerprint image from a PNG, TIFF or JPEG file, whichever it is.
public enum ImageFile {
    public static func gray(_ data: [UInt8]) throws(ImagingError) -> FingerprintImage {
        if data.starts(with: PNG.signature) { return try PNG.decode(data).gray() }
        if isJPEG(data) {
            let gray = try JPEGDecoder().gray(data)
            return FingerprintImage(width: gray.width, height: gray.height, pixels: gray.pixels)
        }
        return try TIFF.decode(data)
    }

    public static func read(path: String) throws -> FingerprintImage {
        try gray(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }
}
