/// Why face analysis could not run at all (as opposed to a frame that fails a check).
public struct FaceAnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable { case modelMissing, modelUnreadable, detector }

    private let code: Code
    public let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// The landmark model file is not there.
    public static func modelMissing(_ path: String) -> Self {
        .init(.modelMissing, "face landmark model not found at \(path) (install libdlib-data, or set quality.face_landmark_model)")
    }

    /// The file is there but dlib could not load it.
    public static func modelUnreadable(_ path: String, _ reason: String) -> Self {
        .init(.modelUnreadable, "face landmark model at \(path) could not be loaded: \(reason)")
    }

    /// dlib failed on a frame.
    public static func detector(_ detail: String) -> Self { .init(.detector, "face detector failed: \(detail)") }

    public var isModelMissing: Bool { code == .modelMissing }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
}
