import EnrollCore
import Foundation

extension SubjectAccessSummary {
    /// The photograph's file name in the copy.
    public static let photoFile = "photo.jpg"

    /// The summary of `payload`, an opened record the centre holds as `stored`.
    /// `includeFingerImages`: the fingerprint images go into the copy too (named here).
    public init(payload: RecordPayload, stored: StoredRecord, kioskLabel: String?, includeFingerImages: Bool, now: Int64) {
        let m = payload.manifest
        let images = payload.parts.filter { $0.kind == .fingerImage }
        let templates = payload.parts.filter { $0.kind == .fingerTemplate }
        let face = payload.parts.first { $0.kind == .faceImage }
        record_id = m.recordID.description
        short_reference = RecordReference.short(Array(m.recordID.bytes.suffix(4))).description
        kiosk = Kiosk(device_id: Hex.encode(m.deviceID), label: kioskLabel?.isEmpty == false ? kioskLabel : nil)
        chain_position = m.sequence
        session_started_at = Self.time(m.capturedAt)
        enrolled_at = Self.time(m.committedAt)
        received_at = Self.time(stored.receivedAt)
        consent = Self.consent(m.consent)
        details = m.subjectFields.map { Detail(name: $0.name, value: $0.value) }
        fingers = m.fingers.map { entry in
            let hasImage = images.contains { $0.position == entry.position }
            return Finger(
                position: Int(entry.position), finger: Self.fingerName(entry.position), captured: entry.exception == nil,
                quality: entry.quality.map(Int.init), reason_not_captured: entry.exception.map(Self.words),
                image_file: includeFingerImages && hasImage ? Self.fingerImageFile(entry.position) : nil)
        }
        photo = Photo(held: face != nil, quality: m.face?.quality.map(Int.init), reason_not_taken: m.face?.exception.map(Self.words),
                      file: face != nil ? Self.photoFile : nil)
        finger_images = FingerImages(
            held: images.count, fingers: images.map { Self.fingerName($0.position) }, included: includeFingerImages && !images.isEmpty,
            explanation: images.isEmpty ? "No fingerprint image is held."
                : includeFingerImages ? "Each fingerprint image is in this folder as a PNG file."
                : "The fingerprint images are held but not in this copy: a copy that is lost could be misused to imitate your "
                    + "fingerprints. Ask the data-protection officer if you want them; they can be given to you in person.")
        self.templates = Templates(
            held: templates.count, fingers: templates.map { Self.fingerName($0.position) },
            explanation: templates.isEmpty ? "No fingerprint template is held."
                : "A template is what the computer measured in a fingerprint image to compare fingerprints: the positions and "
                    + "directions of the points where ridges end or split, stored as numbers. It is not a picture and holds nothing "
                    + "else about you; printed, it would be a list of numbers that means nothing to a person, so it is not copied "
                    + "here. It was made from the fingerprint images of the same fingers and is deleted with them.")
        duplicate_check = Self.words(m.duplicateCheck)
        var left = ["The staff account that made the enrollment: it identifies a member of staff, not you."]
        if !m.duplicateCheck.candidates.isEmpty {
            left.append("The ids of other people's records that the duplicate check found similar: they are about other people.")
        }
        if !templates.isEmpty { left.append("The fingerprint templates themselves (see above).") }
        if !images.isEmpty && !includeFingerImages { left.append("The fingerprint images (see above).") }
        not_in_this_copy = left
        copy_made_at = Self.time(now)
    }

    static func time(_ milliseconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(.iso8601)
    }

    /// The finger's name as the kiosk uses it (`right_index`); a position no finger has (a
    /// record from a newer format) by its number.
    static func fingerName(_ position: UInt8) -> String {
        FingerPosition(rawValue: Int(position))?.name ?? "finger_\(position)"
    }

    /// `finger-02-right_index.png`: sorted by position in a file listing.
    public static func fingerImageFile(_ position: UInt8) -> String {
        "finger-\(position < 10 ? "0" : "")\(position)-\(fingerName(position)).png"
    }

    static func consent(_ consent: RecordManifest.Consent) -> Consent {
        let answer = switch consent.answer {
        case .granted: "granted"
        case .grantedByGuardian: "granted_by_guardian"
        case .refused: "refused"
        }
        let who = switch consent.answer {
        case .granted: "You agreed to the consent text"
        case .grantedByGuardian: "A parent or guardian agreed for you to the consent text"
        case .refused: "The record says the consent text was refused"
        }
        let language = Self.language(ofVersion: consent.textVersion)
        let said = language.map { "in the language \"\($0)\"" }
            ?? "(the record does not say in which language it was shown: the kiosk noted that in its own audit log)"
        return Consent(text_version: consent.textVersion, answer: answer, language: language,
                       explanation: "\(who) of version \(consent.textVersion) \(said).")
    }

    /// A version that ends in a language code (`2026-11-en`) names its language; the
    /// kiosk's plain numbers (`2`) do not.
    static func language(ofVersion version: String) -> String? {
        let parts = version.split(separator: "-")
        guard parts.count >= 2, let last = parts.last, (2...3).contains(last.count),
              last.unicodeScalars.allSatisfy({ (0x61...0x7A).contains($0.value) }) else { return nil }
        return String(last)
    }

    static func words(_ exception: RecordManifest.Exception) -> String {
        switch exception {
        case .amputated: "the finger is missing (lost, or absent from birth)"
        case .bandaged: "bandaged or in a cast"
        case .scarred: "injured or scarred"
        case .unableToCapture: "it could not be taken"
        case .declined: "you preferred not to give it"
        }
    }

    static func words(_ check: RecordManifest.DuplicateCheck) -> String {
        let found = check.candidates.count
        let similar = "\(found) earlier record\(found == 1 ? " was" : "s were") found similar"
        return switch check.decision {
        case .noCandidates: "Your fingerprints were compared with those of people enrolled before; no one similar was found."
        case .operatorConfirmedNew: "Your fingerprints were compared with those of people enrolled before; \(similar), and staff decided you had not been enrolled before."
        case .operatorConfirmedDuplicate: "Your fingerprints were compared with those of people enrolled before; \(similar), and staff decided one of them is you."
        case .notChecked: found == 0 ? "No comparison with people enrolled before was made at the kiosk."
            : "Your fingerprints were compared with those of people enrolled before; \(similar) and left for the central office to review."
        }
    }
}
