import Foundation
import Imaging

/// The ISO/IEC 19794-5 token frontal image: width W, height W / 0.75, eyes level, their
/// midpoint at (0.5 W, 0.6 W) from the top left and 0.25 W apart. Made by one similarity
/// transform (rotate, scale, shift) from the eye centres; outside the frame is mid-gray.
public enum TokenImage {
    public static func make(from frame: RGBImage, landmarks: FaceLandmarks, width: Int = 480) -> RGBImage {
        precondition(width >= 8, "a token image needs a width")
        let height = Int((Double(width) / 0.75).rounded())
        let (right, left) = (landmarks.rightEye, landmarks.leftEye)
        let sourceMid = Point(x: (right.x + left.x) / 2, y: (right.y + left.y) / 2)
        let angle = atan2(left.y - right.y, left.x - right.x)
        let scale = max(landmarks.eyeDistance, 1) / (0.25 * Double(width))
        let (c, s) = (cos(angle) * scale, sin(angle) * scale)
        let (targetX, targetY) = (0.5 * Double(width), 0.6 * Double(width))
        var out = [UInt8](repeating: 128, count: width * height * 3)
        frame.pixels.withUnsafeBufferPointer { source in
            for v in 0..<height {
                for u in 0..<width {
                    let (du, dv) = (Double(u) - targetX, Double(v) - targetY)
                    let x = sourceMid.x + c * du - s * dv
                    let y = sourceMid.y + s * du + c * dv
                    guard x >= 0, y >= 0, x <= Double(frame.width - 1), y <= Double(frame.height - 1) else { continue }
                    let (x0, y0) = (Int(x), Int(y))
                    let (x1, y1) = (min(x0 + 1, frame.width - 1), min(y0 + 1, frame.height - 1))
                    let (fx, fy) = (x - Double(x0), y - Double(y0))
                    for channel in 0..<3 {
                        let a = Double(source[(y0 * frame.width + x0) * 3 + channel]), b = Double(source[(y0 * frame.width + x1) * 3 + channel])
                        let d = Double(source[(y1 * frame.width + x0) * 3 + channel]), e = Double(source[(y1 * frame.width + x1) * 3 + channel])
                        let value = (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy
                        out[(v * width + u) * 3 + channel] = UInt8(min(255, max(0, value.rounded())))
                    }
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: out)
    }
}
