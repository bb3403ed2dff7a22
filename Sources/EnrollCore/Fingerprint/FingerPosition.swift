/// A finger, numbered as ISO/IEC 19794-2 and ANSI/NIST-ITL number finger positions, so
/// records and templates carry codes a central ABIS understands as they are.
public enum FingerPosition: Int, Codable, Sendable, CaseIterable, Comparable {
    case rightThumb = 1, rightIndex, rightMiddle, rightRing, rightLittle
    case leftThumb, leftIndex, leftMiddle, leftRing, leftLittle

    /// The ten fingers in the order most enrollment policies capture them: index fingers
    /// first (they are the ones most often verified), then thumbs, then the rest.
    public static let enrollmentOrder: [FingerPosition] = [
        .rightIndex, .leftIndex, .rightThumb, .leftThumb,
        .rightMiddle, .leftMiddle, .rightRing, .leftRing, .rightLittle, .leftLittle,
    ]

    public static func < (lhs: FingerPosition, rhs: FingerPosition) -> Bool { lhs.rawValue < rhs.rawValue }
}
