import ControlAPI
import EnrollCore
import Matching

/// Turns a confirmed session into the record payload: the manifest's facts from the
/// summary, the accepted images and their ISO/IEC 19794-2 templates (portable to the central
/// ABIS) as parts. The sealer fills in device id, sequence and the previous hash.
enum RecordAssembly {
    static func payload(summary: SessionSummary, policy: SessionPolicy, images: [String: [UInt8]], qualities: [String: QualityView],
                        templates: [String: PrintTemplate] = [:], operatorID: String, capturedAt: Int64, now: Int64) -> RecordPayload {
        var parts: [RecordPart] = []
        let fingers = policy.fingers.map { finger -> RecordManifest.FingerEntry in
            let position = UInt8(finger.rawValue)
            switch summary.fingers[finger] {
            case .captured(let captureID, _, _):
                let quality = qualities[captureID]?.score.map(UInt8.init(clamping:))
                if let image = images[captureID] { parts.append(RecordPart(kind: .fingerImage, position: position, bytes: image)) }
                if let template = templates[captureID]?.matchingTemplates().first {
                    let iso = ISO19794Template.encode(template, fingerPosition: position, fingerQuality: quality ?? 0)
                    parts.append(RecordPart(kind: .fingerTemplate, position: position, bytes: iso))
                }
                return .init(position: position, quality: quality, exception: nil)
            case .exception(let exception, _):
                return .init(position: position, quality: nil, exception: manifestException(exception.reason))
            case nil:
                return .init(position: position, quality: nil, exception: .unableToCapture)
            }
        }
        var face: RecordManifest.FaceEntry?
        switch summary.face {
        case .captured(let captureID, _, _):
            if let image = images[captureID] { parts.append(RecordPart(kind: .faceImage, position: 0, bytes: image)) }
            face = .init(quality: qualities[captureID]?.score.map(UInt8.init(clamping:)), exception: nil)
        case .exception(let exception, _):
            face = .init(quality: nil, exception: manifestException(exception.reason))
        case nil:
            face = nil
        }
        let candidates = summary.duplicateCandidates.compactMap { candidate in
            RecordID(candidate.recordID).map { RecordManifest.DuplicateCheck.Candidate(recordID: $0, score: UInt32(clamping: Int(candidate.score.rounded()))) }
        }
        let decision: RecordManifest.DuplicateCheck.Decision = switch summary.duplicateDecision {
        case .notDuplicate: .operatorConfirmedNew
        case .samePerson: .operatorConfirmedDuplicate
        // No one could decide here: the manifest has no "unresolved", so the candidates go
        // along with "not checked" for the central office to review.
        case .unresolved, .notChecked: .notChecked
        case nil: policy.duplicateCheck ? .noCandidates : .notChecked
        }
        let manifest = RecordManifest(
            recordID: RecordID(unixMilliseconds: now), deviceID: [UInt8](repeating: 0, count: 16), sequence: 1,
            previousHash: [UInt8](repeating: 0, count: 32), capturedAt: capturedAt, committedAt: now, operatorID: operatorID,
            consent: .init(textVersion: summary.consentVersion, answer: summary.consentByGuardian ? .grantedByGuardian : .granted),
            subjectFields: summary.subject.sorted { $0.key < $1.key }.map { .init(name: $0.key, value: $0.value) },
            fingers: fingers, face: face, duplicateCheck: .init(candidates: candidates, decision: decision))
        var payload = RecordPayload(manifest: manifest, parts: parts)
        payload.canonicalize()
        return payload
    }

    static func manifestException(_ reason: CaptureException.Reason) -> RecordManifest.Exception {
        switch reason {
        // Code 1 is "missing (amputated or from birth)" (docs/record-format.md).
        case .missing: .missing
        case .bandaged: .bandaged
        case .injured: .scarred
        case .declined: .declined
        case .unreadable, .other: .unableToCapture
        }
    }
}
