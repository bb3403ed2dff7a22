import EnrollCore
import Foundation

extension SubjectAccessSummary {
    /// The copy as the person reads it (summary.txt), in its language: plain words, one
    /// section per kind of data, every file of the copy named where it belongs.
    public func text() -> String {
        let words = SubjectAccessWords(language, timeZone: timeZone)
        let reference = words.leftToRight(short_reference)
        var lines = [words(.title, ["reference": reference]), ""]
        lines += Self.wrapped(words(.intro, ["time": words.moment(moments.copyMade)]), indent: "", width: 110)
        lines += ["", words(.recordID, ["id": words.leftToRight(record_id), "reference": reference]), "", words(.headingWhenWhere)]
        let device = words.leftToRight(kiosk.device_id)
        lines += [
            "  " + words(.enrolled, ["enrolled": words.moment(moments.enrolled), "started": words.moment(moments.sessionStarted)]),
            "  " + (kiosk.label.map { words(.kioskLabelled, ["label": words.ownDirection(Self.printable($0)), "device": device]) }
                ?? words(.kioskUnlabelled, ["device": device])),
            "  " + words(.received, ["time": words.moment(moments.received)]),
            "  " + words(.chainPlace, ["position": words.number(chain_position)]),
            "", words(.headingConsent),
        ]
        lines += Self.wrapped(consent.explanation)
        lines += ["", words(.headingDetails)]
        lines += details.isEmpty ? ["  " + words(.noDetails)]
            : details.map { "  \(words.ownDirection(Self.printable($0.name))): \(words.ownDirection(Self.printable($0.value)))" }
        lines += ["", words(.headingFingers)]
        lines += fingers.isEmpty ? ["  " + words(.noFingerAsked)] : fingers.map { "  " + line($0, words) }
        lines += ["", words(.headingPhoto), "  " + photoLine(words), "", words(.headingImages)]
        lines += Self.wrapped(held(finger_images.held, finger_images.fingers, words) + " " + finger_images.explanation)
        lines += ["", words(.headingTemplates)]
        lines += Self.wrapped(held(templates.held, templates.fingers, words) + " " + templates.explanation)
        lines += ["", words(.headingDuplicate)]
        lines += Self.wrapped(duplicate_check)
        lines += ["", words(.headingLeftOut)]
        lines += not_in_this_copy.flatMap { Self.wrapped("- " + $0) }
        lines += [""] + Self.wrapped(words(.closing), indent: "", width: 110)
        return lines.map(words.line).joined(separator: "\n") + "\n"
    }

    /// "2 held (right index, right middle)."
    func held(_ count: Int, _ fingers: [String], _ words: SubjectAccessWords) -> String {
        fingers.isEmpty ? words(.heldCount, ["count": words.number(count)])
            : words(.heldCountFingers, ["count": words.number(count), "fingers": words.list(fingers.map { Self.spoken($0, words) })])
    }

    func photoLine(_ words: SubjectAccessWords) -> String {
        if photo.held {
            let quality = photo.quality.map { words(.photoQuality, ["score": words.number($0), "of": words.number(100)]) } ?? words(.photoNotScored)
            return words(.photoHeld, ["file": words.leftToRight(photo.file ?? Self.photoFile), "quality": quality])
        }
        if let reason = photo.reason_not_taken { return words(.photoNotHeld, ["reason": reason]) }
        return words(.photoNotSet)
    }

    func line(_ finger: Finger, _ words: SubjectAccessWords) -> String {
        let name = Self.spoken(finger.finger, words)
        guard finger.captured else {
            return words(.fingerNotTaken, ["finger": name, "reason": finger.reason_not_captured ?? words(.fingerNoReason)])
        }
        let quality = finger.quality.map { words(.fingerQuality, ["score": words.number($0), "of": words.number(100)]) } ?? words(.fingerNotScored)
        return words(.fingerTaken, ["finger": name, "quality": quality])
            + (finger.image_file.map { words(.fingerImage, ["file": words.leftToRight($0)]) } ?? "")
    }

    /// `right_index` in words ("right index"); a position no finger has (a record from a
    /// newer format, `finger_11`) by its number.
    static func spoken(_ name: String, _ words: SubjectAccessWords) -> String {
        if let position = FingerPosition.allCases.first(where: { $0.name == name }),
           let word = SubjectAccessWord.finger(UInt8(position.rawValue)) {
            return words(word)
        }
        if name.hasPrefix("finger_"), let number = Int(name.dropFirst(7)) { return words(.fingerUnknown, ["position": words.number(number)]) }
        return name.replacingOccurrences(of: "_", with: " ")
    }

    /// Values come from the kiosk's form: a control character (a terminal escape sequence
    /// typed into a field) is shown as "?" so the file cannot rewrite a screen showing it,
    /// and so is a direction mark, embedding, override or isolate, so a value cannot turn
    /// the rest of its line around (the joiners Persian words need stay).
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control || bidiControls.contains($0.value) ? "?" : $0
        }))
    }

    static let bidiControls: Set<UInt32> = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]

    /// A paragraph indented (by two) and broken at about `width` columns, for a terminal or
    /// a page. Values from the record in it have been through `printable` already (the
    /// text's own isolates must stay).
    static func wrapped(_ text: String, indent: String = "  ", width: Int = 96) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(indent + line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines
    }

    /// The JSON beside the text (summary.json), keys sorted, for a case file or a script.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }
}
