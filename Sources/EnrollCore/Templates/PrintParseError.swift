/// Why bytes are not a print this parser can read. Bad, truncated or foreign input always
/// ends here, never in a crash.
public struct PrintParseError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case badMagic, truncated, malformed, unexpectedType, tooLarge
    }

    private let code: Code
    public let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// Not `FP3`: not a libfprint 1.x print.
    static func badMagic() -> Self { .init(.badMagic, "the bytes do not start with libfprint's FP3 header") }
    /// An offset or length points beyond the data.
    static func truncated(_ what: String) -> Self { .init(.truncated, "\(what) runs past the end of the data") }
    /// Structure that GVariant would not write.
    static func malformed(_ what: String) -> Self { .init(.malformed, what) }
    /// A variant holds a type other than the one this print type needs.
    static func unexpectedType(_ found: String, expected: String) -> Self {
        .init(.unexpectedType, "expected GVariant type \(expected), found \(found.prefix(40))")
    }
    /// More than the limits allow (a bound on what a caller can make us allocate).
    static func tooLarge(_ what: String) -> Self { .init(.tooLarge, what) }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
}
