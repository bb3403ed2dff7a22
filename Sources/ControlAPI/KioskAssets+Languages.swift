/// The languages the kiosk page offers: one message catalog per language, `i18n/<lang>.json`.
extension KioskAssets {
    /// Sorted language codes of the catalogs served (`i18n/fa.json` → `fa`).
    public var languages: [String] {
        keys.compactMap { key -> String? in
            guard key.hasPrefix("i18n/"), key.hasSuffix(".json") else { return nil }
            let name = key.dropFirst("i18n/".count).dropLast(".json".count)
            return name.isEmpty || name.contains("/") ? nil : String(name)
        }.sorted()
    }
}
