/// Why an image, file or frame could not be read, converted or written. Bad frames are a
/// normal event on a USB camera (a torn transfer, a glitch): callers count them and go on
/// to the next frame; bad files are refused with the reason.
public struct ImagingError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case size, tooLarge, corrupt, encode, library, notPNG, notTIFF, unsupported
    }

    private let code: Code
    /// What is wrong with the input, for logs.
    public let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// The data does not match the stated width and height.
    public static func size(_ detail: String) -> ImagingError { ImagingError(.size, detail) }
    /// Dimensions beyond the limit a caller set (a hostile or broken header).
    public static func tooLarge(_ detail: String) -> ImagingError { ImagingError(.tooLarge, "image too large: \(detail)") }
    /// The data is damaged or truncated.
    public static func corrupt(_ detail: String) -> ImagingError { ImagingError(.corrupt, "corrupt image: \(detail)") }
    /// Encoding failed.
    public static func encode(_ detail: String) -> ImagingError { ImagingError(.encode, detail) }
    /// libturbojpeg could not be set up.
    public static func library(_ detail: String) -> ImagingError { ImagingError(.library, detail) }
    static func notPNG() -> Self { .init(.notPNG, "not a PNG file") }
    static func notTIFF() -> Self { .init(.notTIFF, "not a TIFF file") }
    /// Input of a kind (file type, pixel format) this code does not handle.
    public static func unsupported(_ what: String) -> Self { .init(.unsupported, "unsupported: \(what)") }

    /// Over the size limit.
    public var isTooLarge: Bool { code == .tooLarge }

    /// Errors compare by kind: the detail text is for people.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
}
