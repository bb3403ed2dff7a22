/// A finger, numbered as ISO/IEC 19794-2 and ANSI/NIST-ITL number finger positions, so
/// records and templates carry codes a central ABIS understands as they are.
public enum FingerPosition: Int, Codable, Sendable, CaseIterable, Comparable {
    case rightThumb = 1, rightIndex, rightMiddle, rightRing, rightLittle
    case leftThumb, leftIndex, leftMiddle, leftRing, leftLittle

    /// The fingers a session takes unless configured otherwise, in the order it takes them:
    /// index fingers first (they are the ones most often verified), then thumbs.
    public static let defaultEnrollment: [FingerPosition] = [.rightIndex, .leftIndex, .rightThumb, .leftThumb]

    public static func < (lhs: FingerPosition, rhs: FingerPosition) -> Bool { lhs.rawValue < rhs.rawValue }
}
