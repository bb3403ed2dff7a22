/// Every sentence and word of a subject-access copy, by key; each language's catalog
/// (`SubjectAccessWords+English.swift`, `+Persian.swift`) has a text for every key, with
/// the same `{name}` placeholders (a test keeps them complete and alike).
public enum SubjectAccessWord: String, CaseIterable, Sendable {
    // summary.txt, top to bottom
    case title, intro, recordID = "record_id", moment, momentZoned = "moment_zoned", listSeparator = "list_separator"
    case headingWhenWhere = "heading.when_where", enrolled, kioskLabelled = "kiosk.labelled", kioskUnlabelled = "kiosk.unlabelled"
    case received, chainPlace = "chain_place"
    case headingConsent = "heading.consent", headingDetails = "heading.details", noDetails = "details.none"
    case headingFingers = "heading.fingers", noFingerAsked = "fingers.none"
    case fingerTaken = "finger.taken", fingerQuality = "finger.quality", fingerNotScored = "finger.not_scored", fingerImage = "finger.image"
    case fingerNotTaken = "finger.not_taken", fingerNoReason = "finger.no_reason", fingerUnknown = "finger.unknown"
    case headingPhoto = "heading.photo", photoHeld = "photo.held", photoQuality = "photo.quality", photoNotScored = "photo.not_scored"
    case photoNotHeld = "photo.not_held", photoNotSet = "photo.not_set"
    case headingImages = "heading.images", headingTemplates = "heading.templates", heldCount = "held.count", heldCountFingers = "held.count_fingers"
    case headingDuplicate = "heading.duplicate", headingLeftOut = "heading.left_out", closing
    // explanations (also in summary.json)
    case imagesNone = "images.none", imagesIncluded = "images.included", imagesHeldNotIncluded = "images.held_not_included"
    case templatesNone = "templates.none", templatesExplained = "templates.explained"
    case leftOutStaff = "left_out.staff", leftOutCandidates = "left_out.candidates", leftOutTemplates = "left_out.templates"
    case leftOutImages = "left_out.images"
    case consentGranted = "consent.granted", consentGuardian = "consent.guardian", consentRefused = "consent.refused"
    case consentSentence = "consent.sentence", consentInLanguage = "consent.in_language", consentLanguageUnknown = "consent.language_unknown"
    case exceptionMissing = "exception.missing", exceptionBandaged = "exception.bandaged", exceptionScarred = "exception.scarred"
    case exceptionUnable = "exception.unable", exceptionDeclined = "exception.declined"
    case duplicateNone = "duplicate.none", duplicateSimilarOne = "duplicate.similar_one", duplicateSimilarMany = "duplicate.similar_many"
    case duplicateConfirmedNew = "duplicate.confirmed_new", duplicateConfirmedSame = "duplicate.confirmed_same"
    case duplicateNotChecked = "duplicate.not_checked", duplicateForReview = "duplicate.for_review"
    // finger names by ISO/IEC 19794-4 position
    case rightThumb = "finger.right_thumb", rightIndex = "finger.right_index", rightMiddle = "finger.right_middle"
    case rightRing = "finger.right_ring", rightLittle = "finger.right_little"
    case leftThumb = "finger.left_thumb", leftIndex = "finger.left_index", leftMiddle = "finger.left_middle"
    case leftRing = "finger.left_ring", leftLittle = "finger.left_little"

    /// The finger at ISO position 1…10, nil for any other.
    static func finger(_ position: UInt8) -> SubjectAccessWord? {
        let fingers: [SubjectAccessWord] = [.rightThumb, .rightIndex, .rightMiddle, .rightRing, .rightLittle,
                                            .leftThumb, .leftIndex, .leftMiddle, .leftRing, .leftLittle]
        return (1...10).contains(position) ? fingers[Int(position) - 1] : nil
    }
}
