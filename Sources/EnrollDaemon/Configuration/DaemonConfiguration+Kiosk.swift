extension DaemonConfiguration {
    /// What the kiosk page shows besides the API's answers (the `kiosk` section).
    public struct Kiosk: Sendable, Equatable {
        /// The centre's contact line by page language (`fa`, `en`), shown on the end
        /// screen with the person's short reference, so they know whom to ask to see or
        /// delete their record. Empty: no line.
        public var contactText: [String: String] = [:]
    }
}

extension DaemonConfigurationSchema {
    /// The languages the kiosk page offers (ui/kiosk/i18n): one contact line each.
    static let kioskLanguages = ["fa", "en"]
    static let contactMaximumLength = 200

    static func readKiosk(_ root: ConfigurationSection, reader: ConfigurationReader, into configuration: inout DaemonConfiguration) {
        let kiosk = reader.section(in: root, "kiosk")
        let contact = reader.section(in: kiosk, "contact_text")
        var lines: [String: String] = [:]
        for language in kioskLanguages {
            let line = contact.string(language, default: "") { text in
                if text.count > contactMaximumLength { return "expected at most \(contactMaximumLength) characters, found \(text.count)" }
                // One line on the screen: no line breaks or other control characters.
                if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                    return "expected one line of text without control characters"
                }
                return nil
            }
            if !line.isEmpty { lines[language] = line }
        }
        contact.finish()
        kiosk.finish()
        configuration.kiosk.contactText = lines
    }
}
