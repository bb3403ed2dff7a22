import EnrollCore
import Foundation
import Imaging

/// The small preview the face step streams (at most 320 px wide) and the photograph kept
/// in the record (the token image the face checks cut out), both JPEG. The preview is for
/// the person to position themselves and is never stored.
enum FacePreview {
    static let maximumWidth = 320

    static func preview(_ frame: FaceFrame) throws -> (jpeg: [UInt8], width: Int, height: Int) {
        let step = max(1, (frame.width + maximumWidth - 1) / maximumWidth)
        let width = frame.width / step, height = frame.height / step
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let from = ((y * step) * frame.width + x * step) * 3, to = (y * width + x) * 3
                pixels[to] = frame.rgb[from]
                pixels[to + 1] = frame.rgb[from + 1]
                pixels[to + 2] = frame.rgb[from + 2]
            }
        }
        let jpeg = try JPEGEncoder(quality: 70).encode(RGBImage(width: width, height: height, pixels: pixels))
        return (jpeg, width, height)
    }

    static func photograph(_ token: FaceFrame) throws -> [UInt8] {
        try JPEGEncoder(quality: 90).encode(RGBImage(width: token.width, height: token.height, pixels: token.rgb))
    }
}
