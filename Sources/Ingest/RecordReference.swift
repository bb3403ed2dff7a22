import EnrollCore

/// What a person brings to the centre to name their record: the short reference the
/// kiosk's end screen showed (the record id's last 8 hex digits, printed `3F9A 21C7`), or
/// the full record id (from a receipt, staff's screen, `find`). Pure parsing; the storage
/// looks the bytes up, so nothing typed here ever reaches SQL as text.
public enum RecordReference: Sendable, Equatable, CustomStringConvertible {
    /// The last 4 bytes of a record id.
    case short([UInt8])
    case full(RecordID)

    /// A reference as printed on the end screen: 8 hex digits.
    public static let shortDigits = 8
    /// Longer input is refused before it is looked at (a paste of a whole page, say).
    public static let maximumLength = 80

    /// Parses what the operator typed: case does not matter; spaces and dashes (as the end
    /// screen groups the digits, or a person writes them down) are ignored; Persian and
    /// Arabic-Indic digits count as the digits they are (a Persian keyboard types them).
    public init(parsing text: String) throws(RecordReferenceError) {
        // Scalars, not characters: one "character" may carry any number of combining marks.
        let length = text.unicodeScalars.count
        guard length <= Self.maximumLength else { throw .tooLong(length) }
        var digits: [UInt8] = []
        for scalar in text.unicodeScalars {
            if Self.isSeparator(scalar) { continue }
            guard let ascii = Self.asciiHexDigit(scalar) else { throw .notHex(Self.shown(scalar)) }
            digits.append(ascii)
        }
        let hex = String(decoding: digits, as: UTF8.self)
        switch digits.count {
        case 0: throw .empty
        case Self.shortDigits: self = .short(Hex.decode(hex)!)
        case 32: self = .full(RecordID(bytes: Hex.decode(hex)!)!)
        default: throw .wrongLength(digits.count)
        }
    }

    /// The record id's bytes this reference asks for at the end (4) or in whole (16).
    public var bytes: [UInt8] {
        switch self {
        case .short(let tail): tail
        case .full(let id): id.bytes
        }
    }

    /// Whether `recordID` is one this reference names.
    public func matches(_ recordID: [UInt8]) -> Bool {
        switch self {
        case .short(let tail): recordID.count == 16 && Array(recordID.suffix(4)) == tail
        case .full(let id): recordID == id.bytes
        }
    }

    /// As the end screen prints it (`3F9A 21C7`), or the full id in its usual form.
    public var description: String {
        switch self {
        case .short(let tail):
            let hex = Hex.encode(tail).uppercased()
            return "\(hex.prefix(4)) \(hex.suffix(4))"
        case .full(let id): return id.description
        }
    }

    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        // Space, tab, no-break and narrow spaces; hyphen-minus, the Unicode hyphens and
        // dashes, minus sign: what a person or a word processor puts between the groups.
        case 0x20, 0x09, 0xA0, 0x202F, 0x2009, 0x2D, 0x2010...0x2015, 0x2212: true
        default: false
        }
    }

    static func asciiHexDigit(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x46, 0x61...0x66: UInt8(scalar.value)
        case 0x660...0x669: UInt8(0x30 + scalar.value - 0x660) // Arabic-Indic digits
        case 0x6F0...0x6F9: UInt8(0x30 + scalar.value - 0x6F0) // Persian digits
        default: nil
        }
    }

    /// A refused character as an error may show it: printable ASCII as itself, anything
    /// else (a control character, an escape sequence's start) by its code point.
    static func shown(_ scalar: Unicode.Scalar) -> String {
        (0x21...0x7E).contains(scalar.value) ? "'\(Character(scalar))'" : "U+" + String(scalar.value, radix: 16, uppercase: true)
    }
}

/// Why a reference was refused; the message says what a reference looks like.
public enum RecordReferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case tooLong(Int)
    case notHex(String)
    case wrongLength(Int)

    public var description: String {
        let form = "a short reference is 8 hex digits as on the kiosk's end screen (e.g. 3F9A 21C7), a record id 32 (8-4-4-4-12)"
        switch self {
        case .empty: return "no hex digits: \(form)"
        case .tooLong(let count): return "\(count) characters is too long: \(form)"
        case .notHex(let character): return "\(character) is not a hex digit: \(form)"
        case .wrongLength(let count): return "\(count) hex digit\(count == 1 ? "" : "s"): \(form)"
        }
    }
}

extension RecordReference {
    /// The references in a command's arguments, each with the text it came from. A short
    /// reference typed as on the end screen without quotes (`find 3F9A 21C7`) arrives as two
    /// arguments of four digits: two such neighbours are read as one (four digits alone are
    /// never a reference, so nothing else is changed by this).
    public static func parsing(arguments: [String]) -> [(text: String, reference: Result<RecordReference, RecordReferenceError>)] {
        var out: [(text: String, reference: Result<RecordReference, RecordReferenceError>)] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let text = arguments[index]
            let next = index + 1 < arguments.endIndex ? arguments[index + 1] : nil
            if let next, isHalf(text), isHalf(next) {
                let joined = text + " " + next
                out.append((joined, Result { () throws(RecordReferenceError) in try RecordReference(parsing: joined) }))
                index += 2
                continue
            }
            out.append((text, Result { () throws(RecordReferenceError) in try RecordReference(parsing: text) }))
            index += 1
        }
        return out
    }

    /// Exactly four hex digits (separators aside): half of a short reference.
    static func isHalf(_ text: String) -> Bool {
        guard text.unicodeScalars.count <= maximumLength else { return false }
        let digits = text.unicodeScalars.filter { !isSeparator($0) }
        return digits.count == shortDigits / 2 && digits.allSatisfy { asciiHexDigit($0) != nil }
    }

    /// The text as an error may show it: at most 40 characters, control characters as "?".
    public static func printable(_ text: String) -> String {
        let cut = text.unicodeScalars.prefix(40).map { $0.properties.generalCategory == .control ? "?" : Character($0) }
        return String(cut) + (text.unicodeScalars.count > 40 ? "…" : "")
    }
}
