import Foundation

/// A point in image pixels.
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    func distance(to other: Point) -> Double { ((x - other.x) * (x - other.x) + (y - other.y) * (y - other.y)).squareRoot() }
    static func mid(_ a: Point, _ b: Point) -> Point { Point(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2) }
}

/// dlib's 68 landmarks (the iBUG 300-W numbering: 0–16 jaw, 17–26 brows, 27–35 nose,
/// 36–41 the subject's right eye, 42–47 the left eye, 48–67 mouth) and the geometry the
/// ICAO checks need. "Right eye" is the subject's right, on the image's left.
public struct FaceLandmarks: Sendable, Equatable {
    public var points: [Point]

    public init(points: [Point]) {
        precondition(points.count == 68, "68 landmarks")
        self.points = points
    }

    private func centre(_ range: ClosedRange<Int>) -> Point {
        let selected = points[range]
        return Point(x: selected.map(\.x).reduce(0, +) / Double(selected.count), y: selected.map(\.y).reduce(0, +) / Double(selected.count))
    }

    /// Centre of the subject's right eye (image left).
    public var rightEye: Point { centre(36...41) }
    /// Centre of the subject's left eye (image right).
    public var leftEye: Point { centre(42...47) }
    public var eyeDistance: Double { rightEye.distance(to: leftEye) }

    /// Eye aspect ratio (eyelid opening over eye width): ≈ 0.25–0.35 open, under 0.15 shut.
    public var eyeOpening: Double {
        func ratio(_ p: Int) -> Double {
            (points[p + 1].distance(to: points[p + 5]) + points[p + 2].distance(to: points[p + 4])) / (2 * max(points[p].distance(to: points[p + 3]), 1))
        }
        return min(ratio(36), ratio(42))
    }

    /// Inner lip gap over mouth width: ≈ 0 closed, above 0.1 when the mouth is open.
    public var mouthOpening: Double {
        let gap = (points[61].distance(to: points[67]) + points[62].distance(to: points[66]) + points[63].distance(to: points[65])) / 3
        return gap / max(points[60].distance(to: points[64]), 1)
    }

    /// In-plane rotation of the eye line, degrees (positive: the image's right eye lower).
    public var roll: Double {
        atan2(leftEye.y - rightEye.y, leftEye.x - rightEye.x) * 180 / .pi
    }

    /// Turn left/right, degrees, from where the nose tip sits between the two cheek contours
    /// (landmarks 2 and 14): centred on a frontal face, shifted toward the far cheek as the
    /// head turns. asin of the offset ratio is exact for a cylinder-shaped head; good to a
    /// few degrees near frontal, which is where the limits are.
    public var yaw: Double {
        let nose = points[30]
        let (left, right) = (points[2], points[14])
        let toLeft = nose.distance(to: left), toRight = nose.distance(to: right)
        let ratio = (toLeft - toRight) / max(toLeft + toRight, 1)
        return asin(min(max(ratio, -1), 1)) * 180 / .pi
    }

    /// Nod up/down, degrees, from the nose tip's height between the eye line and the chin,
    /// against the proportion of a level frontal face (≈ 0.41 of eyes-to-chin, from the
    /// mean 300-W shape dlib's model is trained on). Positive: chin up.
    public var pitch: Double {
        let eyes = Point.mid(rightEye, leftEye)
        let chin = points[8]
        let span = eyes.distance(to: chin)
        guard span > 1 else { return 0 }
        let noseDepth = (points[30].y - eyes.y) * cos(roll * .pi / 180) - (points[30].x - eyes.x) * sin(roll * .pi / 180)
        let ratio = noseDepth / span
        return asin(min(max((Self.levelNoseRatio - ratio) / Self.levelNoseRatio, -1), 1)) * 180 / .pi * 0.5
    }

    static let levelNoseRatio = 0.41

    /// Bounding box of the landmarks.
    public var bounds: (left: Double, top: Double, right: Double, bottom: Double) {
        (points.map(\.x).min()!, points.map(\.y).min()!, points.map(\.x).max()!, points.map(\.y).max()!)
    }
}
