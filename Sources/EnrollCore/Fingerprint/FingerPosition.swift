/// A finger, numbered as ISO/IEC 19794-2 and ANSI/NIST-ITL number finger positions, so
/// records can carry the code as it is.
public enum FingerPosition: Int, Codable, Sendable, CaseIterable {
    case rightThumb = 1, rightIndex, rightMiddle, rightRing, rightLittle
    case leftThumb, leftIndex, leftMiddle, leftRing, leftLittle
}
