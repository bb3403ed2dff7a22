import Foundation

/// The words of a subject-access copy in one language, and how that language writes a
/// number, a moment and a list. Persian: Persian digits, the Solar Hijri calendar the kiosk's
/// screens use (`fa-IR`), and text another direction runs in (an id, a file name, a value
/// from the kiosk's form) set apart with Unicode isolates so it cannot reorder the sentence.
public struct SubjectAccessWords: Sendable {
    public let language: SubjectAccessLanguage
    /// The zone the copy's times are written in: the centre's, so a person need not work out
    /// the difference from UTC themselves.
    public let timeZone: TimeZone

    public static let utc = TimeZone(identifier: "UTC")!

    public init(_ language: SubjectAccessLanguage, timeZone: TimeZone = utc) {
        self.language = language
        self.timeZone = timeZone
    }

    /// A language's catalog, every key with its text (for the test that keeps them alike).
    public static func catalog(_ language: SubjectAccessLanguage) -> [SubjectAccessWord: String] {
        switch language {
        case .en: english
        case .fa: persian
        }
    }

    /// The text for `word`, each `{name}` replaced by its value in one pass (a value that
    /// holds braces, a kiosk label typed so, stays as it is); a missing key shows the key
    /// itself, so a gap is visible (the catalog test keeps there being none).
    func callAsFunction(_ word: SubjectAccessWord, _ values: [String: String] = [:]) -> String {
        let template = Self.catalog(language)[word] ?? word.rawValue
        var text = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            text += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            text += values[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return text + rest
    }

    /// `value` in this language's digits.
    func number<N: BinaryInteger>(_ value: N) -> String {
        let ascii = String(value)
        guard language == .fa else { return ascii }
        return String(String.UnicodeScalarView(ascii.unicodeScalars.map { scalar in
            (0x30...0x39).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0x30 + 0x06F0)! : scalar
        }))
    }

    /// Items joined as this language lists them.
    func list(_ items: [String]) -> String { items.joined(separator: self(.listSeparator)) }

    /// Text that runs left to right whatever surrounds it (ids, file names, hex).
    func leftToRight(_ text: String) -> String {
        language.rightToLeft ? "\u{2066}" + text + "\u{2069}" : text
    }

    /// Text from outside (a kiosk label, a field from the form), in the direction of its own
    /// first letter.
    func ownDirection(_ text: String) -> String {
        language.rightToLeft ? "\u{2068}" + text + "\u{2069}" : text
    }

    /// A moment (milliseconds since 1970) as a person reads it, in `timeZone`: `2026-11-30
    /// 22:32 UTC`, `2026-12-01 02:02 (UTC+03:30)`, or `۹ آذر ۱۴۰۵، ساعت ۲۲:۳۲ …`.
    func moment(_ milliseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        var calendar = Calendar(identifier: language == .fa ? .persian : .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let (year, month, day) = (parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        let time = number2(parts.hour ?? 0) + ":" + number2(parts.minute ?? 0)
        let dayText = switch language {
        case .en: "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        case .fa: "\(number(day)) \(Self.persianMonths[max(0, min(11, month - 1))]) \(number(year))"
        }
        let offset = timeZone.secondsFromGMT(for: date)
        guard offset != 0 else { return self(.moment, ["date": dayText, "time": time]) }
        // The offset, not the zone's name: it is what a reader needs, and it reads the same
        // in both languages (Latin digits, kept left to right).
        let minutes = abs(offset) / 60
        let zone = "UTC" + (offset < 0 ? "−" : "+") + String(format: "%02d:%02d", minutes / 60, minutes % 60)
        return self(.momentZoned, ["date": dayText, "time": time, "zone": leftToRight(zone)])
    }

    /// Two digits, as a clock shows them.
    private func number2(_ value: Int) -> String { number(value < 10 ? 0 : value / 10) + number(value % 10) }

    /// The months of the Solar Hijri year, Farvardin to Esfand.
    static let persianMonths = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]

    /// Marks a line of the text file as right to left (a right-to-left mark first), so a
    /// viewer lays out a line that starts with an id or a number the way the others run.
    func line(_ text: String) -> String {
        language.rightToLeft && !text.isEmpty ? "\u{200F}" + text : text
    }
}
