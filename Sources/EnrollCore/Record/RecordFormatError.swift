/// Why bytes could not be read as a record manifest, payload, envelope or receipt.
/// Decoders throw only this: malformed input is an answer, never a crash.
public struct RecordFormatError: Error, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case truncated
        case trailingBytes
        case badMagic
        case unsupportedVersion(Int)
        case tooLarge(String)
        case invalidValue(String)
        case notCanonical
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// The input ended inside a field.
    public static let truncated = RecordFormatError(.truncated)
    /// Bytes follow the last field.
    public static let trailingBytes = RecordFormatError(.trailingBytes)
    /// The input does not start with the expected magic.
    public static let badMagic = RecordFormatError(.badMagic)
    /// A format version this build cannot read.
    public static func unsupportedVersion(_ version: Int) -> RecordFormatError { .init(.unsupportedVersion(version)) }
    /// A length or count above the format's limit (the field is named).
    public static func tooLarge(_ field: String) -> RecordFormatError { .init(.tooLarge(field)) }
    /// A value outside its domain (the field is named).
    public static func invalidValue(_ field: String) -> RecordFormatError { .init(.invalidValue(field)) }
    /// Decodable, but not in the one canonical form (unsorted, duplicated, non-minimal).
    public static let notCanonical = RecordFormatError(.notCanonical)

    public var description: String {
        switch code {
        case .truncated: "input ends inside a field"
        case .trailingBytes: "bytes follow the last field"
        case .badMagic: "not an enrolld structure (bad magic)"
        case .unsupportedVersion(let v): "unsupported format version \(v)"
        case .tooLarge(let field): "\(field) exceeds the format's limit"
        case .invalidValue(let field): "invalid value for \(field)"
        case .notCanonical: "not in canonical form"
        }
    }
}
