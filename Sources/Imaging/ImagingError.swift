/// Why an image file could not be read or written.
public struct ImagingError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable { case notPNG, notTIFF, unsupported, corrupt, tooLarge }

    private let code: Code
    public let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    static func notPNG() -> Self { .init(.notPNG, "not a PNG file") }
    static func notTIFF() -> Self { .init(.notTIFF, "not a TIFF file") }
    static func unsupported(_ what: String) -> Self { .init(.unsupported, "unsupported: \(what)") }
    static func corrupt(_ what: String) -> Self { .init(.corrupt, "corrupt image: \(what)") }
    static func tooLarge(_ what: String) -> Self { .init(.tooLarge, "image too large: \(what)") }

    public var isUnsupported: Bool { code == .unsupported }
    public var isCorrupt: Bool { code == .corrupt }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
}
