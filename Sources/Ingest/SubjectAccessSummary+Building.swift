import EnrollCore
import Foundation

extension SubjectAccessSummary {
    /// The photograph's file name in the copy.
    public static let photoFile = "photo.jpg"

    /// The summary of `payload`, an opened record the centre holds as `stored`.
    /// `includeFingerImages`: the fingerprint images go into the copy too (named here).
    /// `language`: of the text and the JSON's explanations.
    public init(payload: RecordPayload, stored: StoredRecord, kioskLabel: String?, includeFingerImages: Bool, now: Int64,
                language: SubjectAccessLanguage = .en, timeZone: TimeZone = SubjectAccessWords.utc) {
        let m = payload.manifest
        let words = SubjectAccessWords(language, timeZone: timeZone)
        let images = payload.parts.filter { $0.kind == .fingerImage }
        let templates = payload.parts.filter { $0.kind == .fingerTemplate }
        let face = payload.parts.first { $0.kind == .faceImage }
        self.language = language
        self.timeZone = timeZone
        moments = Moments(sessionStarted: m.capturedAt, enrolled: m.committedAt, received: stored.receivedAt, copyMade: now)
        record_id = m.recordID.description
        short_reference = RecordReference.short(Array(m.recordID.bytes.suffix(4))).description
        kiosk = Kiosk(device_id: Hex.encode(m.deviceID), label: kioskLabel?.isEmpty == false ? kioskLabel : nil)
        chain_position = m.sequence
        session_started_at = Self.time(m.capturedAt)
        enrolled_at = Self.time(m.committedAt)
        received_at = Self.time(stored.receivedAt)
        consent = Self.consent(m.consent, words)
        details = m.subjectFields.map { Detail(name: $0.name, value: $0.value) }
        fingers = m.fingers.map { entry in
            let hasImage = images.contains { $0.position == entry.position }
            return Finger(
                position: Int(entry.position), finger: Self.fingerName(entry.position), captured: entry.exception == nil,
                quality: entry.quality.map(Int.init), reason_not_captured: entry.exception.map { Self.words($0, words) },
                image_file: includeFingerImages && hasImage ? Self.fingerImageFile(entry.position) : nil)
        }
        photo = Photo(held: face != nil, quality: m.face?.quality.map(Int.init), reason_not_taken: m.face?.exception.map { Self.words($0, words) },
                      file: face != nil ? Self.photoFile : nil)
        finger_images = FingerImages(
            held: images.count, fingers: images.map { Self.fingerName($0.position) }, included: includeFingerImages && !images.isEmpty,
            explanation: words(images.isEmpty ? .imagesNone : includeFingerImages ? .imagesIncluded : .imagesHeldNotIncluded))
        self.templates = Templates(
            held: templates.count, fingers: templates.map { Self.fingerName($0.position) },
            explanation: words(templates.isEmpty ? .templatesNone : .templatesExplained))
        duplicate_check = Self.words(m.duplicateCheck, words)
        var left = [words(.leftOutStaff)]
        if !m.duplicateCheck.candidates.isEmpty { left.append(words(.leftOutCandidates)) }
        if !templates.isEmpty { left.append(words(.leftOutTemplates)) }
        if !images.isEmpty && !includeFingerImages { left.append(words(.leftOutImages)) }
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

    static func consent(_ consent: RecordManifest.Consent, _ words: SubjectAccessWords) -> Consent {
        let answer = switch consent.answer {
        case .granted: "granted"
        case .grantedByGuardian: "granted_by_guardian"
        case .refused: "refused"
        }
        let who = switch consent.answer {
        case .granted: words(.consentGranted)
        case .grantedByGuardian: words(.consentGuardian)
        case .refused: words(.consentRefused)
        }
        let language = Self.language(ofVersion: consent.textVersion)
        let said = language.map { words(.consentInLanguage, ["language": words.leftToRight($0)]) } ?? words(.consentLanguageUnknown)
        return Consent(text_version: consent.textVersion, answer: answer, language: language,
                       explanation: words(.consentSentence, ["who": who, "version": words.ownDirection(printable(consent.textVersion)), "said": said]))
    }

    /// A version that ends in a language code (`2026-11-en`) names its language; the
    /// kiosk's plain numbers (`2`) do not.
    static func language(ofVersion version: String) -> String? {
        let parts = version.split(separator: "-")
        guard parts.count >= 2, let last = parts.last, (2...3).contains(last.count),
              last.unicodeScalars.allSatisfy({ (0x61...0x7A).contains($0.value) }) else { return nil }
        return String(last)
    }

    static func words(_ exception: RecordManifest.Exception, _ words: SubjectAccessWords) -> String {
        switch exception {
        case .amputated: words(.exceptionMissing)
        case .bandaged: words(.exceptionBandaged)
        case .scarred: words(.exceptionScarred)
        case .unableToCapture: words(.exceptionUnable)
        case .declined: words(.exceptionDeclined)
        }
    }

    static func words(_ check: RecordManifest.DuplicateCheck, _ words: SubjectAccessWords) -> String {
        let found = check.candidates.count
        let similar = found == 1 ? words(.duplicateSimilarOne) : words(.duplicateSimilarMany, ["count": words.number(found)])
        return switch check.decision {
        case .noCandidates: words(.duplicateNone)
        case .operatorConfirmedNew: words(.duplicateConfirmedNew, ["similar": similar])
        case .operatorConfirmedDuplicate: words(.duplicateConfirmedSame, ["similar": similar])
        case .notChecked: found == 0 ? words(.duplicateNotChecked) : words(.duplicateForReview, ["similar": similar])
        }
    }
}
