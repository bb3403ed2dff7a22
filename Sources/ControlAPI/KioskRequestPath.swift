/// A request path turned into the key of a kiosk file, or refused.
///
/// The kiosk serves only files loaded at start-up (`KioskAssets`), looked up by key, so a
/// path can never reach the file system. This is still strict, so hostile paths are refused
/// early and the same way whatever is loaded: percent-decoding is done exactly once and
/// must be well-formed; the result must be UTF-8 without NUL, control characters or
/// backslashes; no segment may be empty, `.`, `..` or hidden (leading dot).
enum KioskRequestPath {
    /// Longer request paths are refused before decoding; the UI's own are far shorter.
    static let maximumBytes = 512
    /// Deeper paths are refused; the UI is at most a few folders deep.
    static let maximumSegments = 8

    /// The asset key (`index.html`, `js/app.js`) for a raw request path (no query), or nil.
    static func key(_ rawPath: String) -> String? {
        guard rawPath.utf8.count <= maximumBytes, rawPath.hasPrefix("/") else { return nil }
        guard let decoded = percentDecoded(rawPath.utf8.dropFirst()) else { return nil }
        if decoded.isEmpty { return "index.html" }
        var segments = decoded.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // "folder/" names the folder's index page; any other empty segment ("a//b") is refused.
        if segments.count > 1, segments.last == "" { segments[segments.count - 1] = "index.html" }
        guard segments.count <= maximumSegments, segments.allSatisfy(isAllowedSegment) else { return nil }
        return segments.joined(separator: "/")
    }

    static func isAllowedSegment(_ segment: String) -> Bool {
        guard !segment.isEmpty, !segment.hasPrefix(".") else { return false }
        return segment.unicodeScalars.allSatisfy { scalar in
            scalar.value >= 0x20 && scalar.value != 0x7F && scalar != "\\" && !(0x80...0x9F).contains(scalar.value)
        }
    }

    /// `%XX` decoded once; nil for a malformed escape or bytes that are not UTF-8.
    private static func percentDecoded(_ bytes: Substring.UTF8View.SubSequence) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let high = bytes.index(after: index)
                guard high < bytes.endIndex else { return nil }
                let low = bytes.index(after: high)
                guard low < bytes.endIndex, let h = hexValue(bytes[high]), let l = hexValue(bytes[low]) else { return nil }
                output.append(h << 4 | l)
                index = bytes.index(after: low)
            } else {
                output.append(byte)
                index = bytes.index(after: index)
            }
        }
        // Strict: a path that is not valid UTF-8 is refused rather than repaired.
        guard let text = String(validating: output, as: UTF8.self) else { return nil }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
