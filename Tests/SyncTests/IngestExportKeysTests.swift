import EnrollCore
import Foundation
import TestSupport
import Testing
import Trust

/// `enroll-ingest export` for a centre that changed its sealing key (the record's key
/// found among several `--sealing-key`s), for a kiosk revoked since (its key given with
/// `--device-key`, as `revoke` printed it), and in Persian. The real executable on a real
/// SQLite file.
@Suite struct IngestExportKeysTests {
    static let ids = [
        RightsHarness.id(at: 1_780_000_000_000, 1, tail: [0x11, 0x22, 0x33, 0x44]),
        RightsHarness.id(at: 1_780_086_400_000, 2, tail: [0x55, 0x66, 0x77, 0x88]),
    ]

    func export(_ harness: RightsHarness, _ id: RecordID, keys: [URL], to name: String, more: [String] = []) throws -> (Int32, String, String) {
        try harness.run(["export", id.description, "--out", harness.folder.appendingPathComponent(name).path, "--devices", harness.devices.path]
            + keys.flatMap { ["--sealing-key", $0.path] } + more + harness.storageArguments)
    }

    @Test func aRecordSealedToAnOlderKeyOpensWhenThatKeyIsAmongThoseGiven() async throws {
        let harness = try await RightsHarness()
        let older = harness.folder.appendingPathComponent("older-keys")
        #expect(try harness.run(["keygen", "--directory", older.path]).0 == 0)
        try await harness.store(ids: [Self.ids[0]], sealedTo: older)
        try await harness.store(ids: [Self.ids[1]])
        let current = harness.sealingKey, old = older.appendingPathComponent("sealing.key")

        let onlyNew = try export(harness, Self.ids[0], keys: [current], to: "a")
        #expect(onlyNew.0 == 3 && onlyNew.2.contains("does not open with the sealing key in \(current.path)")
            && onlyNew.2.contains("add it with another --sealing-key"), "\(onlyNew)")
        for (index, id) in Self.ids.enumerated() {
            for (order, keys) in [[current, old], [old, current]].enumerated() {
                let done = try export(harness, id, keys: keys, to: "copy-\(index)-\(order)")
                #expect(done.0 == 0, "\(id) with \(keys.map(\.lastPathComponent)): \(done)")
                let summary = try String(contentsOf: harness.folder.appendingPathComponent("copy-\(index)-\(order)/summary.txt"), encoding: .utf8)
                #expect(summary.contains("reference: SUBJECT-SECRET-0"), "opened and summarised: \(summary)")
            }
        }
        let strangers = harness.folder.appendingPathComponent("strangers")
        #expect(try harness.run(["keygen", "--directory", strangers.path]).0 == 0)
        let neither = try export(harness, Self.ids[0], keys: [current, strangers.appendingPathComponent("sealing.key")], to: "b")
        #expect(neither.0 == 3 && neither.2.contains("does not open with any of the 2 sealing keys given"), "\(neither)")
        let none = try harness.run(["export", Self.ids[0].description, "--out", harness.folder.appendingPathComponent("c").path,
                                    "--devices", harness.devices.path] + harness.storageArguments)
        #expect(none.0 != 0 && none.2.contains("give --sealing-key"), "\(none)")
        for refused in ["a", "b", "c"] { #expect(!FileManager.default.fileExists(atPath: harness.folder.appendingPathComponent(refused).path)) }
    }

    @Test func aRevokedKiosksRecordIsCopiedWithTheKeyRevokePrinted() async throws {
        let harness = try await RightsHarness()
        try await harness.store(ids: Self.ids)
        let revoked = try harness.run(["revoke", "--devices", harness.devices.path, "--label", "north-7"])
        #expect(revoked.0 == 0, "\(revoked)")
        let printed = try #require(revoked.1.split(separator: "\n").first { $0.contains("export --device-key") }?.split(separator: " ").last.map(String.init))
        #expect(printed == Hex.encode(harness.kiosk.publicKey))

        let without = try export(harness, Self.ids[1], keys: [harness.sealingKey], to: "a")
        #expect(without.0 == 3 && without.2.contains("is not in \(harness.devices.path) (revoked") && without.2.contains("--device-key"), "\(without)")
        let copied = try export(harness, Self.ids[1], keys: [harness.sealingKey], to: "copy", more: ["--device-key", printed])
        #expect(copied.0 == 0, "\(copied)")
        let summary = try String(contentsOf: harness.folder.appendingPathComponent("copy/summary.txt"), encoding: .utf8)
        #expect(summary.contains("Kiosk: device \(Hex.encode(harness.kiosk.deviceID))") && summary.contains("SUBJECT-SECRET-1"), "\(summary)")

        let otherKiosk = try export(harness, Self.ids[1], keys: [harness.sealingKey], to: "b", more: ["--device-key", Hex.encode(DeviceKey().publicKey)])
        #expect(otherKiosk.0 == 3 && otherKiosk.2.contains("but the record was made by device \(Hex.encode(harness.kiosk.deviceID))"), "\(otherKiosk)")
        for bad in ["zz", String(repeating: "0", count: 63), Hex.encode(harness.kiosk.publicKey) + "00", "\u{1B}[2J"] {
            let refused = try export(harness, Self.ids[1], keys: [harness.sealingKey], to: "c", more: ["--device-key", bad])
            #expect(refused.0 != 0 && refused.2.contains("--device-key: expected the 64 hex digits"), "\(refused)")
        }
        for refused in ["a", "b", "c"] { #expect(!FileManager.default.fileExists(atPath: harness.folder.appendingPathComponent(refused).path)) }
    }

    /// The Persian copy: its text in Persian, right to left, and the JSON with the same keys
    /// and codes as the English one (only the explanations are in Persian).
    @Test func thePersianCopyKeepsTheJSONsKeysAndCodes() async throws {
        let harness = try await RightsHarness()
        try await harness.store(ids: Self.ids)
        let english = try export(harness, Self.ids[0], keys: [harness.sealingKey], to: "en")
        let persian = try export(harness, Self.ids[0], keys: [harness.sealingKey], to: "fa", more: ["--language", "fa"])
        #expect(english.0 == 0 && persian.0 == 0, "\(english) \(persian)")
        let text = try String(contentsOf: harness.folder.appendingPathComponent("fa/summary.txt"), encoding: .utf8)
        #expect(text.hasPrefix("\u{200F}آنچه دفتر مرکزی دربارهٔ شما نگه می‌دارد"), "\(text.prefix(200))")
        #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("\u{200F}") }, "every line right to left")
        #expect(text.contains("\u{2066}\(Self.ids[0].description)\u{2069}") && text.contains("SUBJECT-SECRET-0"), "\(text)")
        #expect(!text.contains("WHEN AND WHERE"))

        func object(_ language: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: harness.folder.appendingPathComponent("\(language)/summary.json"))) as? [String: Any])
        }
        let (en, fa) = (try object("en"), try object("fa"))
        #expect(Self.keys(en) == Self.keys(fa))
        for code in ["record_id", "short_reference", "chain_position", "enrolled_at", "received_at"] {
            #expect("\(en[code] ?? "")" == "\(fa[code] ?? "")", "\(code)")
        }
        let (enTemplates, faTemplates) = (try #require(en["templates"] as? [String: Any]), try #require(fa["templates"] as? [String: Any]))
        #expect(enTemplates["fingers"] as? [String] == faTemplates["fingers"] as? [String], "finger codes stay codes")
        #expect((faTemplates["explanation"] as? String)?.contains("الگو") == true)

        let unknown = try export(harness, Self.ids[0], keys: [harness.sealingKey], to: "de", more: ["--language", "de"])
        #expect(unknown.0 != 0 && unknown.2.contains("--language") && unknown.2.contains("fa"), "\(unknown)")
    }

    /// Every key path of a JSON value (arrays by their first element), for comparing shapes.
    static func keys(_ value: Any, _ prefix: String = "") -> Set<String> {
        if let object = value as? [String: Any] {
            return object.reduce(into: Set<String>()) { all, entry in
                all.insert(prefix + entry.key)
                all.formUnion(keys(entry.value, prefix + entry.key + "."))
            }
        }
        if let array = value as? [Any], let first = array.first { return keys(first, prefix) }
        return []
    }
}
