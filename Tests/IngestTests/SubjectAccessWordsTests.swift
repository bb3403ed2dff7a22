import Crypto
import EnrollCore
import Foundation
@testable import Ingest
import Testing
import Trust

/// The subject-access copy's words, checked as the kiosk's catalogs are: both languages
/// complete and alike, Persian written in Persian; and the Persian copy read as a person
/// reads it (Solar Hijri dates, Persian digits, right to left, values set apart).
@Suite struct SubjectAccessWordsTests {
    static let persianLetters = Unicode.Scalar(0x0600)!...Unicode.Scalar(0x06FF)!

    @Test(arguments: SubjectAccessLanguage.allCases)
    func everyKeyHasATextWithTheSamePlaceholders(_ language: SubjectAccessLanguage) {
        let catalog = SubjectAccessWords.catalog(language), english = SubjectAccessWords.catalog(.en)
        let missing = SubjectAccessWord.allCases.filter { catalog[$0] == nil }
        #expect(missing.isEmpty, "\(language) lacks \(missing)")
        for word in SubjectAccessWord.allCases {
            let text = catalog[word] ?? ""
            #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty || word == .listSeparator, "\(language) \(word)")
            #expect(Self.placeholders(text) == Self.placeholders(english[word] ?? ""), "\(language) \(word): \(text)")
        }
    }

    @Test func persianIsWrittenInPersian() {
        let persian = SubjectAccessWords.catalog(.fa)
        // Everything is in Persian script but the list separator (a Persian comma and a space).
        let untranslated = SubjectAccessWord.allCases.filter { word in
            !(persian[word] ?? "").unicodeScalars.contains { Self.persianLetters.contains($0) && $0.properties.isAlphabetic }
        }
        #expect(untranslated == [.listSeparator], "\(untranslated)")
        // Persian letters, not the Arabic look-alikes: ی and ک, never ي or ك.
        #expect(!persian.values.contains { $0.contains("\u{064A}") || $0.contains("\u{0643}") })
        // Numbers are filled in in Persian digits, never written in ASCII ones.
        #expect(!persian.values.contains { $0.unicodeScalars.contains { (0x30...0x39).contains($0.value) } })
    }

    static func placeholders(_ text: String) -> Set<String> {
        var found: Set<String> = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    @Test func thePersianCopyReadsRightToLeftWithSolarHijriDatesAndPersianDigits() throws {
        let central = Curve25519.KeyAgreement.PrivateKey(), device = DeviceKey()
        var payload = SubjectAccessTests.payload()
        // 2026-11-30 22:32:05 UTC is 9 Azar 1405 in the Solar Hijri calendar.
        payload.manifest.committedAt = 1_796_077_925_000
        payload.manifest.subjectFields = [.init(name: "نام", value: "مریم"), .init(name: "reference", value: "A\u{202E}B\u{2069}C")]
        let envelope = try RecordSealer(deviceKey: device, recipient: central.publicKey).seal(payload, after: .genesis, committedAt: 1_796_077_925_000).encoded()
        let opened = try SubjectAccessCopy.open(envelope, devicePublicKey: device.publicKey, sealingKeys: [central])
        let stored = StoredRecord(recordID: opened.manifest.recordID, deviceID: device.deviceID, sequence: 12, receivedAt: 1_796_078_000_000, erased: false)
        let summary = SubjectAccessSummary(payload: opened, stored: stored, kioskLabel: "north-7", includeFingerImages: false,
                                           now: 1_796_100_000_000, language: .fa)
        let text = summary.text()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.allSatisfy { $0.isEmpty || $0.hasPrefix("\u{200F}") }, "every line marked right to left")
        for expected in [
            "ثبت‌نام: ۹ آذر ۱۴۰۵، ساعت ۲۲:۳۲ به وقت جهانی (UTC)",
            "جایگاه در زنجیرهٔ پرونده‌های آن کیوسک: ۱",
            "کیوسک: \u{2068}north-7\u{2069}، دستگاه \u{2066}\(Hex.encode(device.deviceID))\u{2069}",
            "پروندهٔ \u{2066}3F9A 21C7\u{2069}",
            "انگشت اشارهٔ دست راست: گرفته شد، امتیاز کیفیت ۸۱ از ۱۰۰",
            "شست دست راست: گرفته نشد (باندپیچی یا در گچ)",
            "\u{2068}نام\u{2069}: \u{2068}مریم\u{2069}",
            "پدر، مادر یا سرپرست شما به جای شما با متن رضایت‌نامه موافقت کرد",
            "۲ مورد نگه داشته می‌شود (انگشت اشارهٔ دست راست، انگشت میانی دست راست)",
        ] {
            #expect(text.contains(expected), "missing: \(expected)\n\(text)")
        }
        // A label shaped like a placeholder stays as typed.
        let braces = SubjectAccessSummary(payload: opened, stored: stored, kioskLabel: "{device}", includeFingerImages: false, now: 0, language: .fa)
        #expect(braces.text().contains("کیوسک: \u{2068}{device}\u{2069}، دستگاه"), "\(braces.text())")
        // A value cannot turn its line around: its own direction controls are defused.
        #expect(text.contains("\u{2068}A?B?C\u{2069}") && !text.contains("\u{202E}"), "\(text)")
        #expect(!text.contains("WHEN AND WHERE") && !text.contains("taken"))

        // The JSON: the same keys and codes as in English, the explanations in Persian.
        let english = SubjectAccessSummary(payload: opened, stored: stored, kioskLabel: "north-7", includeFingerImages: false, now: 1_796_100_000_000)
        let (fa, en) = (try Self.object(summary), try Self.object(english))
        #expect(Set(fa.keys) == Set(en.keys) && fa["record_id"] as? String == en["record_id"] as? String)
        #expect(fa["enrolled_at"] as? String == "2026-11-30T22:32:05Z", "times stay ISO 8601 in the JSON")
        let fingers = try #require(fa["fingers"] as? [[String: Any]])
        #expect(fingers.map { $0["finger"] as? String } == (try #require(en["fingers"] as? [[String: Any]])).map { $0["finger"] as? String })
        #expect(fingers.first?["reason_not_captured"] as? String == "باندپیچی یا در گچ")
    }

    static func object(_ summary: SubjectAccessSummary) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(try summary.json())) as? [String: Any])
    }

    /// The English copy is the text it was before the words moved into a catalog.
    @Test func theEnglishCopyIsUnchanged() {
        var payload = SubjectAccessTests.payload()
        (payload.manifest.deviceID, payload.manifest.sequence) = ([1, 2], 3)
        let summary = SubjectAccessSummary(payload: payload, stored: StoredRecord(
            recordID: payload.manifest.recordID, deviceID: [1, 2], sequence: 3, receivedAt: 1_764_461_000_000, erased: false),
            kioskLabel: nil, includeFingerImages: false, now: 1_764_500_000_000)
        let text = summary.text()
        #expect(text.hasPrefix("What the central office holds about you: record 3F9A 21C7\n\nThis copy was made on 2025-11-30 10:53 UTC at your request."))
        #expect(text.contains("  Kiosk: device 0102\n") && text.contains("  Place in that kiosk's chain of records: 3\n"), "\(text)")
        #expect(!text.unicodeScalars.contains { (0x2066...0x2069).contains($0.value) || $0.value == 0x200F }, "no direction marks in English")
    }

    /// In the centre's zone, the offset said: 2026-11-30 22:32:05 UTC is 02:02 on 1 December
    /// (10 Azar 1405) in Tehran. A zone at UTC keeps the words it always had.
    @Test func timesAreWrittenInTheCentresZone() throws {
        let tehran = try #require(TimeZone(identifier: "Asia/Tehran"), "the system's time zone data has Asia/Tehran")
        #expect(SubjectAccessWords(.en, timeZone: tehran).moment(1_796_077_925_000) == "2026-12-01 02:02 (UTC+03:30)")
        #expect(SubjectAccessWords(.fa, timeZone: tehran).moment(1_796_077_925_000) == "۱۰ آذر ۱۴۰۵، ساعت ۰۲:۰۲ (\u{2066}UTC+03:30\u{2069})")
        let newYork = try #require(TimeZone(identifier: "America/New_York"))
        #expect(SubjectAccessWords(.en, timeZone: newYork).moment(1_796_077_925_000) == "2026-11-30 17:32 (UTC−05:00)")
        #expect(SubjectAccessWords(.en, timeZone: SubjectAccessWords.utc).moment(1_796_077_925_000) == "2026-11-30 22:32 UTC")
        #expect(SubjectAccessWords(.en).moment(1_796_077_925_000) == "2026-11-30 22:32 UTC", "UTC unless a zone is given")
    }
}
