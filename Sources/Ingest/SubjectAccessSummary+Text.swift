import Foundation

extension SubjectAccessSummary {
    /// The copy as the person reads it (summary.txt): plain words, one section per kind of
    /// data, every file of the copy named where it belongs.
    public func text() -> String {
        var lines = [
            "What the central office holds about you: record \(short_reference)",
            "",
            "This copy was made on \(Self.readable(copy_made_at)) at your request. It shows everything the record about your",
            "enrollment holds, except what is listed at the end under \"Not in this copy\".",
            "",
            "Record id: \(record_id) (the short reference \(short_reference) is its last eight digits)",
            "",
            "WHEN AND WHERE",
            "  Enrolled: \(Self.readable(enrolled_at)) (the session started \(Self.readable(session_started_at))).",
            "  Kiosk: \(kiosk.label.map { "\(Self.printable($0)), " } ?? "")device \(kiosk.device_id)",
            "  Received by the central office: \(Self.readable(received_at))",
            "  Place in that kiosk's chain of records: \(chain_position)",
            "",
            "YOUR CONSENT",
        ]
        lines += Self.wrapped(consent.explanation)
        lines += ["", "DETAILS YOU GAVE"]
        lines += details.isEmpty ? ["  None."] : details.map { "  \(Self.printable($0.name)): \(Self.printable($0.value))" }
        lines += ["", "FINGERS"]
        lines += fingers.isEmpty ? ["  No finger was asked for."] : fingers.map(Self.line)
        lines += ["", "PHOTOGRAPH", "  \(photoLine())", "", "FINGERPRINT IMAGES"]
        lines.append(contentsOf: Self.wrapped("\(finger_images.held) held\(finger_images.fingers.isEmpty ? "" : " (\(finger_images.fingers.map(Self.spoken).joined(separator: ", ")))"). \(finger_images.explanation)"))
        lines += ["", "FINGERPRINT TEMPLATES"]
        lines.append(contentsOf: Self.wrapped("\(templates.held) held\(templates.fingers.isEmpty ? "" : " (\(templates.fingers.map(Self.spoken).joined(separator: ", ")))"). \(templates.explanation)"))
        lines += ["", "DUPLICATE CHECK"]
        lines.append(contentsOf: Self.wrapped(duplicate_check))
        lines += ["", "NOT IN THIS COPY"]
        lines += not_in_this_copy.flatMap { Self.wrapped("- " + $0) }
        lines += ["", "You may ask for these details to be corrected, or for the record to be deleted, with the same reference."]
        return lines.joined(separator: "\n") + "\n"
    }

    func photoLine() -> String {
        if photo.held {
            let quality = photo.quality.map { "its quality score is \($0) of 100" } ?? "its quality was not scored"
            return "A photograph of your face is held: \(photo.file ?? Self.photoFile) in this folder; \(quality)."
        }
        if let reason = photo.reason_not_taken { return "No photograph is held: \(reason)." }
        return "No photograph is held: the kiosk was not set to take one."
    }

    static func line(_ finger: Finger) -> String {
        let name = spoken(finger.finger)
        guard finger.captured else { return "  \(name): not taken (\(finger.reason_not_captured ?? "no reason recorded"))" }
        let quality = finger.quality.map { "quality score \($0) of 100" } ?? "quality not scored"
        return "  \(name): taken, \(quality)\(finger.image_file.map { "; image: \($0)" } ?? "")"
    }

    /// An ISO 8601 time as a person reads it: `2026-11-30 22:32 UTC`.
    static func readable(_ iso: String) -> String {
        guard iso.count >= 16, iso.hasSuffix("Z") else { return iso }
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5) + " UTC"
    }

    /// `right_index` as words: "right index".
    static func spoken(_ name: String) -> String { name.replacingOccurrences(of: "_", with: " ") }

    /// Values come from the kiosk's form: a control character (a terminal escape sequence
    /// typed into a field) is shown as "?" so the file cannot rewrite a screen showing it.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
    }

    /// A paragraph indented by two and broken at about 96 columns, for a terminal or a page.
    static func wrapped(_ text: String, width: Int = 96) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in printable(text).split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append("  " + line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append("  " + line) }
        return lines
    }

    /// The JSON beside the text (summary.json), keys sorted, for a case file or a script.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }
}
