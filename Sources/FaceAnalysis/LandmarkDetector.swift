import CDlibShim
import Foundation
import Imaging
import Synchronization

/// A face box in image pixels, with the detector's confidence.
public struct FaceBox: Sendable, Equatable {
    public var left: Double
    public var top: Double
    public var right: Double
    public var bottom: Double
    public var confidence: Double

    public var width: Double { right - left }
    public var height: Double { bottom - top }
}

/// dlib's HOG frontal face detector and 68-point shape predictor, behind a lock: dlib's
/// detector keeps scratch state, so one frame at a time per instance.
public final class LandmarkDetector: Sendable {
    /// Where Debian's libdlib-data puts the model.
    public static let defaultModelPath = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat"

    private struct Handle: @unchecked Sendable {
        // Only touched while `state` is locked, and freed in deinit when no one holds it.
        let pointer: OpaquePointer
    }

    private let state: Mutex<Handle>

    /// Loads the model (≈ 100 MB, about a second): make one and keep it.
    public init(modelPath: String = LandmarkDetector.defaultModelPath) throws(FaceAnalysisError) {
        guard FileManager.default.isReadableFile(atPath: modelPath) else { throw .modelMissing(modelPath) }
        var error = [CChar](repeating: 0, count: 512)
        guard let pointer = CDlib_analyzer_create(modelPath, &error, error.count) else {
            throw .modelUnreadable(modelPath, String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        state = Mutex(Handle(pointer: pointer))
    }

    deinit {
        state.withLock { CDlib_analyzer_destroy($0.pointer) }
    }

    /// Faces, strongest first (at most `limit` boxes), in the image's pixels.
    public func faces(in image: GrayImage, limit: Int = 8) throws(FaceAnalysisError) -> [FaceBox] {
        var rects = [CDlib_Rect](repeating: CDlib_Rect(), count: limit)
        let found = state.withLock { handle in
            image.pixels.withUnsafeBufferPointer {
                CDlib_detect(handle.pointer, $0.baseAddress, Int32(image.width), Int32(image.height), &rects, Int32(limit))
            }
        }
        guard found >= 0 else { throw .detector("detection") }
        return rects.prefix(Int(min(found, Int32(limit)))).map {
            FaceBox(left: Double($0.left), top: Double($0.top), right: Double($0.right), bottom: Double($0.bottom), confidence: $0.confidence)
        }
    }

    /// The 68 landmarks of the face in `box`.
    public func landmarks(in image: GrayImage, box: FaceBox) throws(FaceAnalysisError) -> FaceLandmarks {
        var points = [Double](repeating: 0, count: 136)
        let rect = CDlib_Rect(left: Int(box.left), top: Int(box.top), right: Int(box.right), bottom: Int(box.bottom), confidence: box.confidence)
        let status = state.withLock { handle in
            image.pixels.withUnsafeBufferPointer {
                CDlib_landmarks(handle.pointer, $0.baseAddress, Int32(image.width), Int32(image.height), rect, &points)
            }
        }
        guard status == 0 else { throw .detector("landmarks") }
        return FaceLandmarks(points: (0..<68).map { Point(x: points[2 * $0], y: points[2 * $0 + 1]) })
    }
}
