import Yams

/// What a YAML value is, judged the way a person reads the file: a plain `8080` is an
/// integer, a quoted `"8080"` is a string. Used both to accept a value and to say what was
/// found when it is refused.
enum YAMLValue: Equatable {
    case integer(Int)
    case boolean(Bool)
    case number(String)
    case string(String)
    case null
    case mapping
    case list
    case alias

    init(_ node: Node) {
        switch node {
        case .mapping: self = .mapping
        case .sequence: self = .list
        case .alias: self = .alias
        case .scalar(let scalar):
            self = scalar.style == .plain ? Self.plain(scalar.string) : .string(scalar.string)
        }
    }

    private static func plain(_ text: String) -> YAMLValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .boolean(true)
        case "false", "False", "FALSE": return .boolean(false)
        default: break
        }
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        if !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) {
            // Out of Int's range is still an integer to the reader; report it as such.
            return Int(text).map(YAMLValue.integer) ?? .number(text)
        }
        if Double(text) != nil { return .number(text) }
        return .string(text)
    }

    /// How the value is named in "found …".
    var found: String {
        switch self {
        case .integer(let value): "\(value)"
        case .boolean(let value): "\(value)"
        case .number(let text): "the number \(text)"
        case .string(let text): "the string \"\(Self.shortened(text))\""
        case .null: "nothing (null)"
        case .mapping: "a mapping"
        case .list: "a list"
        case .alias: "an alias (*name)"
        }
    }

    private static func shortened(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "…" : text
    }
}
