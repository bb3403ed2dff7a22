import Foundation
import Imaging

/// Builds every ICAO check for one face. Each component quality is a logistic curve that
/// is 0.5 at the limit and moves by `softness` (in the measure's unit) to about 0.27/0.73.
struct FaceChecks {
    let all: [FaceCheck]

    init(limits: FaceLimits, gray: GrayImage, box: FaceBox, landmarks: FaceLandmarks, faces: Int) {
        let image = FaceImageMeasures(gray: gray, landmarks: landmarks)
        let bounds = landmarks.bounds
        let centreX = (bounds.left + bounds.right) / 2
        let centreOffset = abs(centreX - Double(gray.width) / 2) / Double(gray.width)
        let direction = FaceDirection(towardMiddleFrom: centreX, width: gray.width)
        let eyeHeight = (landmarks.rightEye.y + landmarks.leftEye.y) / 2 / Double(max(gray.height, 1))
        // Room left between the landmarks and the nearest frame edge, as a share of the face width.
        let margin = min(bounds.left, bounds.top, Double(gray.width) - bounds.right, Double(gray.height) - bounds.bottom) / max(bounds.right - bounds.left, 1)
        // Beside the frame's left or right edge, the way to move is the centring's; at its top
        // or bottom the camera-height checks already say what to do, so no direction there.
        let sideways = min(bounds.left, Double(gray.width) - bounds.right) <= min(bounds.top, Double(gray.height) - bounds.bottom)
        all = [
            Self.exact("face_count", Double(faces), 1, faces == 1 ? "One face in view." : "\(faces) faces in view: only the person being photographed may be in the picture."),
            Self.atLeast("eye_distance", landmarks.eyeDistance, limits.minimumEyeDistance, softness: 15, unit: " px", fail: "Face too small: come closer to the camera."),
            // Before the pose: someone looking up at a camera set too high fails the pitch
            // too, and must first hear that the camera, not their head, is wrong.
            Self.atMost("camera_too_high", eyeHeight, limits.maximumEyeHeight, softness: 0.04, unit: "",
                        fail: "Face low in the picture: the camera is too high for this person; lower it."),
            Self.atLeast("camera_too_low", eyeHeight, limits.minimumEyeHeight, softness: 0.04, unit: "",
                         fail: "Face high in the picture: the camera is too low for this person; raise it, or step back."),
            Self.within("yaw", landmarks.yaw, limits.maximumYaw, softness: 3, unit: "°", fail: "Head turned to the side: face the camera."),
            Self.within("pitch", landmarks.pitch, limits.maximumPitch, softness: 3, unit: "°", fail: "Head tilted up or down: keep the chin level."),
            Self.within("roll", landmarks.roll, limits.maximumRoll, softness: 3, unit: "°", fail: "Head tilted sideways: keep the head straight."),
            Self.atLeast("eyes_open", landmarks.eyeOpening, limits.minimumEyeOpening, softness: 0.04, unit: "", fail: "Eyes closed or hidden: open the eyes."),
            Self.atMost("mouth_closed", landmarks.mouthOpening, limits.maximumMouthOpening, softness: 0.04, unit: "", fail: "Mouth open: close the mouth."),
            Self.atLeast("brightness_low", image.brightness, limits.minimumBrightness, softness: 15, unit: "", fail: "Face too dark: more light on the face."),
            Self.atMost("brightness_high", image.brightness, limits.maximumBrightness, softness: 15, unit: "", fail: "Face over-exposed: less light or exposure."),
            Self.atLeast("dynamic_range", image.dynamicRange, limits.minimumDynamicRange, softness: 20, unit: "", fail: "Too little contrast in the face."),
            Self.atMost("clipped", image.clipped, limits.maximumClipped, softness: 0.03, unit: "", fail: "Parts of the face are burnt out or black."),
            Self.atLeast("sharpness", image.sharpness, limits.minimumSharpness, softness: 0.04, unit: "", fail: "Image blurred: hold still, check the focus."),
            Self.atLeast("illumination", image.illuminationBalance, limits.minimumIlluminationBalance, softness: 0.08, unit: "", fail: "Uneven light on the face: light both sides evenly."),
            Self.atMost("background", image.backgroundDeviation, limits.maximumBackgroundDeviation, softness: 8, unit: "", fail: "Background not plain: use a plain, even background."),
            Self.atMost("centred", centreOffset, limits.maximumCentreOffset, softness: 0.04, unit: "",
                        fail: "Face not centred: \(direction.words).").failing(as: direction),
            Self.atLeast("inside_frame", margin, 0.1, softness: 0.05, unit: "",
                         fail: sideways ? "Face at the edge of the picture: \(direction.words)." : "Face at the edge of the picture: move into the middle.")
                .failing(as: sideways ? direction : nil),
            Self.atMost("jpeg_artefacts", image.blockiness, limits.maximumBlockiness, softness: 0.2, unit: "", fail: "Image damaged by compression: capture again."),
        ]
    }

    private static func logistic(_ signedDistance: Double, _ softness: Double) -> Double {
        1 / (1 + exp(-signedDistance / max(softness, 1e-9)))
    }

    private static func format(_ value: Double) -> String { String(format: abs(value) >= 10 ? "%.0f" : "%.2f", value) }

    static func exact(_ name: String, _ value: Double, _ limit: Double, _ message: String) -> FaceCheck {
        FaceCheck(name: name, value: value, limit: "= \(format(limit))", passed: value == limit, quality: value == limit ? 1 : 0.05, message: message)
    }

    static func atLeast(_ name: String, _ value: Double, _ limit: Double, softness: Double, unit: String, fail: String) -> FaceCheck {
        let passed = value >= limit
        return FaceCheck(name: name, value: value, limit: "≥ \(format(limit))\(unit)", passed: passed, quality: logistic(value - limit, softness),
                         message: passed ? "OK (\(format(value))\(unit))." : fail)
    }

    static func atMost(_ name: String, _ value: Double, _ limit: Double, softness: Double, unit: String, fail: String) -> FaceCheck {
        let passed = value <= limit
        return FaceCheck(name: name, value: value, limit: "≤ \(format(limit))\(unit)", passed: passed, quality: logistic(limit - value, softness),
                         message: passed ? "OK (\(format(value))\(unit))." : fail)
    }

    static func within(_ name: String, _ value: Double, _ limit: Double, softness: Double, unit: String, fail: String) -> FaceCheck {
        let passed = abs(value) <= limit
        return FaceCheck(name: name, value: value, limit: "±\(format(limit))\(unit)", passed: passed, quality: logistic(limit - abs(value), softness),
                         message: passed ? "OK (\(format(value))\(unit))." : fail)
    }
}
