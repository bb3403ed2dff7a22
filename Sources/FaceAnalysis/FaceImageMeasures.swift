import Imaging

/// Photometric measures of the face and its surroundings, on the gray frame.
struct FaceImageMeasures {
    var brightness = 0.0
    var dynamicRange = 0.0
    var clipped = 0.0
    var sharpness = 0.0
    var illuminationBalance = 1.0
    var backgroundDeviation = 0.0
    var blockiness = 1.0

    init(gray: GrayImage, landmarks: FaceLandmarks) {
        let face = Self.faceRegion(landmarks, gray)
        var histogram = [Int](repeating: 0, count: 256)
        var leftSum = 0, leftCount = 0, rightSum = 0, rightCount = 0
        let noseX = Int(landmarks.points[30].x)
        let cheekTop = Int(min(landmarks.rightEye.y, landmarks.leftEye.y)), cheekBottom = Int(landmarks.points[57].y)
        for y in face.top..<face.bottom {
            for x in face.left..<face.right {
                let value = Int(gray.pixels[y * gray.width + x])
                histogram[value] += 1
                // Halves of the face between eye line and lower lip, either side of the nose.
                guard y >= cheekTop, y < cheekBottom else { continue }
                if x < noseX { leftSum += value; leftCount += 1 } else { rightSum += value; rightCount += 1 }
            }
        }
        let total = histogram.reduce(0, +)
        guard total > 0 else { return }
        brightness = Double(histogram.enumerated().reduce(0) { $0 + $1.offset * $1.element }) / Double(total)
        dynamicRange = Double(Self.percentile(histogram, total, 0.95) - Self.percentile(histogram, total, 0.05))
        clipped = Double(histogram[0] + histogram[255] + histogram[254] + histogram[1]) / Double(total)
        if leftCount > 0, rightCount > 0 {
            let (a, b) = (Double(leftSum) / Double(leftCount), Double(rightSum) / Double(rightCount))
            illuminationBalance = max(a, b) > 0 ? min(a, b) / max(a, b) : 1
        }
        sharpness = Self.sharpness(gray, face: face, eyeDistance: landmarks.eyeDistance)
        backgroundDeviation = Self.backgroundDeviation(gray, landmarks: landmarks)
        blockiness = Self.blockiness(gray)
    }

    /// The inner face: eyebrows to chin, between the cheek contours, clipped to the frame.
    static func faceRegion(_ landmarks: FaceLandmarks, _ gray: GrayImage) -> (left: Int, top: Int, right: Int, bottom: Int) {
        let p = landmarks.points
        let left = Int(max(0, min(p[1].x, p[2].x, p[3].x)))
        let right = Int(min(Double(gray.width), max(p[13].x, p[14].x, p[15].x)))
        let top = Int(max(0, min(p[19].y, p[24].y)))
        let bottom = Int(min(Double(gray.height), p[8].y))
        return (left, top, max(left, right), max(top, bottom))
    }

    static func percentile(_ histogram: [Int], _ total: Int, _ share: Double) -> Int {
        var seen = 0
        for (value, count) in histogram.enumerated() {
            seen += count
            if Double(seen) >= share * Double(total) { return value }
        }
        return 255
    }

    /// Mean absolute Laplacian over the gray spread, with the face scaled to 64 px between
    /// the eyes, so the figure does not depend on how close the person stands.
    static func sharpness(_ gray: GrayImage, face: (left: Int, top: Int, right: Int, bottom: Int), eyeDistance: Double) -> Double {
        let (w, h) = (face.right - face.left, face.bottom - face.top)
        guard w > 4, h > 4, eyeDistance > 1 else { return 0 }
        var crop = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w { crop[y * w + x] = gray.pixels[(face.top + y) * gray.width + face.left + x] }
        }
        let scale = 64 / eyeDistance
        let face = GrayImage(width: w, height: h, pixels: crop)
            .resized(width: max(8, Int(Double(w) * scale)), height: max(8, Int(Double(h) * scale)))
        var laplacian = 0.0, sum = 0.0, squares = 0.0, count = 0.0
        for y in 1..<(face.height - 1) {
            for x in 1..<(face.width - 1) {
                let i = y * face.width + x
                let centre = Double(face.pixels[i])
                let horizontal: Double = Double(face.pixels[i - 1]) + Double(face.pixels[i + 1])
                let vertical: Double = Double(face.pixels[i - face.width]) + Double(face.pixels[i + face.width])
                let around = horizontal + vertical
                laplacian += abs(around - 4 * centre)
                sum += centre
                squares += centre * centre
                count += 1
            }
        }
        let spread = (max(0, squares / count - (sum / count) * (sum / count))).squareRoot()
        return laplacian / count / max(spread, 8)
    }

    /// Standard deviation of the strips beside the head, at eye height and above: what an
    /// ICAO photograph needs plain. Zero when the face fills the frame (nothing to judge).
    static func backgroundDeviation(_ gray: GrayImage, landmarks: FaceLandmarks) -> Double {
        let b = landmarks.bounds
        let faceWidth = b.right - b.left
        let top = Int(max(0, b.top - faceWidth * 0.6)), bottom = Int(min(Double(gray.height), landmarks.rightEye.y))
        let strips = [
            (Int(max(0, b.left - faceWidth * 0.9)), Int(max(0, b.left - faceWidth * 0.3))),
            (Int(min(Double(gray.width), b.right + faceWidth * 0.3)), Int(min(Double(gray.width), b.right + faceWidth * 0.9))),
        ]
        var sum = 0.0, squares = 0.0, count = 0.0
        for (left, right) in strips where right > left && bottom > top {
            for y in top..<bottom {
                for x in left..<right {
                    let value = Double(gray.pixels[y * gray.width + x])
                    sum += value
                    squares += value * value
                    count += 1
                }
            }
        }
        guard count > 0 else { return 0 }
        return max(0, squares / count - (sum / count) * (sum / count)).squareRoot()
    }

    /// JPEG's 8×8 blocks show as steps on the block grid: the mean gradient across grid
    /// lines over the mean gradient elsewhere. About 1 for a camera frame; well above on a
    /// heavily compressed one.
    static func blockiness(_ gray: GrayImage) -> Double {
        var onGrid = 0.0, onCount = 0.0, offGrid = 0.0, offCount = 0.0
        let (w, h) = (gray.width, gray.height)
        guard w >= 16, h >= 16 else { return 1 }
        for y in stride(from: 0, to: h - 1, by: 1) {
            for x in 0..<(w - 1) {
                let i = y * w + x
                let horizontal = abs(Double(gray.pixels[i + 1]) - Double(gray.pixels[i]))
                let vertical = abs(Double(gray.pixels[i + w]) - Double(gray.pixels[i]))
                if x % 8 == 7 { onGrid += horizontal; onCount += 1 } else { offGrid += horizontal; offCount += 1 }
                if y % 8 == 7 { onGrid += vertical; onCount += 1 } else { offGrid += vertical; offCount += 1 }
            }
        }
        guard onCount > 0, offCount > 0, offGrid > 0 else { return 1 }
        return (onGrid / onCount) / (offGrid / offCount)
    }
}
