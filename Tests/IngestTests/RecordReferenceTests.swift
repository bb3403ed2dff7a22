import EnrollCore
import Ingest
import Testing
import TestSupport

/// What an operator types for a person's reference: as the end screen prints it, in any
/// case, grouped or not, in Persian digits; everything else refused with what a reference
/// looks like, before any storage sees it.
@Suite struct RecordReferenceTests {
    static let tail: [UInt8] = [0x3F, 0x9A, 0x21, 0xC7]

    @Test(arguments: [
        "3F9A 21C7", "3F9A21C7", "3f9a21c7", "3f9a-21c7", "  3F9A   21C7  ", "3F9A\u{2013}21C7", "3F9A\u{00A0}21C7",
        "3-F-9-A-2-1-C-7", "\u{06F3}F\u{06F9}A\u{06F2}\u{06F1}C\u{06F7}", "\u{0663}F\u{0669}A\u{0662}\u{0661}C\u{0667}",
    ])
    func aShortReferenceAsPrintedOrWrittenDown(_ text: String) throws {
        let reference = try RecordReference(parsing: text)
        #expect(reference == .short(Self.tail))
        #expect(reference.description == "3F9A 21C7", "printed as the end screen prints it")
    }

    @Test(arguments: ["01932f4e-8a00-7c3d-9a4b-5e6f708192a3", "01932F4E-8A00-7C3D-9A4B-5E6F708192A3", "01932f4e8a007c3d9a4b5e6f708192a3",
                      " 01932f4e 8a00 7c3d 9a4b 5e6f708192a3 "])
    func aFullRecordID(_ text: String) throws {
        let reference = try RecordReference(parsing: text)
        #expect(reference == .full(RecordID("01932f4e-8a00-7c3d-9a4b-5e6f708192a3")!))
        #expect(reference.description == "01932f4e-8a00-7c3d-9a4b-5e6f708192a3")
    }

    @Test(arguments: [
        ("", RecordReferenceError.empty), ("   ", .empty), ("- -", .empty),
        ("3F9A21C", .wrongLength(7)), ("3F9A 21C7A", .wrongLength(9)), ("3F9A", .wrongLength(4)),
        ("01932f4e-8a00-7c3d-9a4b-5e6f708192a", .wrongLength(31)), ("01932f4e-8a00-7c3d-9a4b-5e6f708192a3f", .wrongLength(33)),
        ("3F9A21CG", .notHex("'G'")), ("'; DROP TABLE records; --", .notHex("'''")), ("3F9A21C7' OR '1'='1", .notHex("'''")),
        ("3F9A%", .notHex("'%'")), ("3F9A_1C7", .notHex("'_'")), ("\u{1B}[2J3F9A21C7", .notHex("U+1B")), ("3F9A\u{0}21C7", .notHex("U+0")),
        ("3F9A\n21C7", .notHex("U+A")), ("3F9Ａ21C7", .notHex("U+FF21")), ("e\u{301}", .notHex("U+301")),
        (String(repeating: "A", count: 81), .tooLong(81)), (String(repeating: "0", count: 100_000), .tooLong(100_000)),
        ("a" + String(repeating: "\u{301}", count: 200), .tooLong(201)),
    ])
    func anythingElseIsRefusedSayingWhatAReferenceIs(_ text: String, _ expected: RecordReferenceError) {
        #expect(throws: expected) { try RecordReference(parsing: text) }
        #expect(expected.description.contains("8 hex digits as on the kiosk's end screen"))
    }

    @Test func twoUnquotedHalvesAreOneReferenceAndNothingElseIsJoined() throws {
        let parsed = RecordReference.parsing(arguments: ["3F9A", "21C7", "deadbeef", "3F9A"])
        #expect(parsed.map(\.text) == ["3F9A 21C7", "deadbeef", "3F9A"])
        #expect(try parsed[0].reference.get() == .short(Self.tail))
        #expect(try parsed[1].reference.get() == .short([0xDE, 0xAD, 0xBE, 0xEF]))
        #expect(throws: RecordReferenceError.wrongLength(4)) { try parsed[2].reference.get() }
        // Two 4-digit halves only: a 4-digit word next to an 8-digit reference stays alone.
        let mixed = RecordReference.parsing(arguments: ["21C7", "3F9A21C7"])
        #expect(mixed.map(\.text) == ["21C7", "3F9A21C7"])
    }

    @Test func aShortReferenceMatchesTheLastFourBytesOnly() throws {
        let id = try #require(RecordID("01932f4e-8a00-7c3d-9a4b-5e6f3f9a21c7"))
        #expect(RecordReference.short(Self.tail).matches(id.bytes))
        #expect(!RecordReference.short([0x9A, 0x21, 0xC7, 0x00]).matches(id.bytes))
        #expect(!RecordReference.short(Self.tail).matches(Self.tail), "a 4-byte id is no record id")
        #expect(RecordReference.full(id).matches(id.bytes))
    }

    @Test func anErrorShowsAtMostFortyCharactersAndNoControlCharacter() {
        let shown = RecordReference.printable("\u{1B}]0;owned\u{07}" + String(repeating: "x", count: 100))
        #expect(!shown.unicodeScalars.contains { $0.properties.generalCategory == .control })
        #expect(shown.hasPrefix("?]0;owned?") && shown.hasSuffix("…") && shown.count == 41)
    }

    /// Random text built from what a reference is made of and what it is not (hex digits,
    /// separators, Persian digits, control characters, other scripts): every input either
    /// parses to a reference whose printed form parses back to itself, or is refused.
    @Test func randomTextParsesToAStableReferenceOrIsRefused() throws {
        var generator = SeededGenerator(seed: 2026)
        let alphabet: [Unicode.Scalar] = Array("0123456789abcdefABCDEF -\u{2013}\u{A0}\u{06F3}\u{0663}gG'%;_\u{0}\u{1B}\u{301}\u{FF21}ي".unicodeScalars)
        var parsed = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...40, using: &generator)
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(alphabet.randomElement(using: &generator)!) }
            // Mostly hex, so that 8 and 32 digits come up often enough to be parsed.
            if Bool.random(using: &generator) { text = String.UnicodeScalarView(text.filter { $0.properties.isASCIIHexDigit || $0 == " " }) }
            guard let reference = try? RecordReference(parsing: String(text)) else { continue }
            parsed += 1
            #expect(try RecordReference(parsing: reference.description) == reference)
            #expect(reference.bytes.count == (reference.description.count == 9 ? 4 : 16))
        }
        #expect(parsed > 100, "the generator reached valid references too (\(parsed))")
    }
}
