import Crypto
import EnrollCore
import Foundation
import Ingest
import Testing
import TestSupport
import Trust

/// A person's copy of their record: opened only as the receiver opens it, saying in plain
/// words what is held, with the photograph, and never a template, a staff account or
/// another person's record id.
@Suite struct SubjectAccessTests {
    let central = Curve25519.KeyAgreement.PrivateKey()
    let device = DeviceKey()
    static let templateBytes: [UInt8] = Array("FMR\u{0}template-of-right-index-minutiae".utf8)
    static let middleTemplate: [UInt8] = Array("FMR\u{0}template-of-right-middle-minutiae".utf8)
    static let photoBytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array("face-token-image".utf8) + [0xFF, 0xD9]
    static let indexImage: [UInt8] = [0x89, 0x50, 0x4E, 0x47] + Array("right-index-png".utf8)
    static let middleImage: [UInt8] = [0x89, 0x50, 0x4E, 0x47] + Array("right-middle-png".utf8)
    static let candidate = RecordID("01932f4d-0000-7aaa-8bbb-cccccccccccc")!

    static func payload(face: RecordManifest.FaceEntry? = .init(quality: 64, exception: nil), subject: [RecordManifest.SubjectField]? = nil) -> RecordPayload {
        let manifest = RecordManifest(
            recordID: RecordID("01932f4e-8a00-7c3d-9a4b-5e6f3f9a21c7")!, deviceID: [], sequence: 0, previousHash: [],
            capturedAt: 1_764_460_800_000, committedAt: 0, operatorID: "op-staff-4242",
            consent: .init(textVersion: "2", answer: .grantedByGuardian),
            subjectFields: subject ?? [.init(name: "birth_year", value: "1987"), .init(name: "reference", value: "REF-PRIVATE-7731")],
            fingers: [
                .init(position: 1, quality: nil, exception: .bandaged),
                .init(position: 2, quality: 81, exception: nil),
                .init(position: 3, quality: 55, exception: nil),
                .init(position: 6, quality: nil, exception: .declined),
                .init(position: 7, quality: nil, exception: .missing),
            ],
            face: face,
            duplicateCheck: .init(candidates: [.init(recordID: candidate, score: 4_120)], decision: .operatorConfirmedNew))
        var parts = [
            RecordPart(kind: .fingerImage, position: 2, bytes: indexImage), RecordPart(kind: .fingerImage, position: 3, bytes: middleImage),
            RecordPart(kind: .fingerTemplate, position: 2, bytes: templateBytes), RecordPart(kind: .fingerTemplate, position: 3, bytes: middleTemplate),
        ]
        if face?.exception == nil && face != nil { parts.append(RecordPart(kind: .faceImage, position: 0, bytes: photoBytes)) }
        return RecordPayload(manifest: manifest, parts: parts)
    }

    func sealed(_ payload: RecordPayload) throws -> [UInt8] {
        try RecordSealer(deviceKey: device, recipient: central.publicKey).seal(payload, after: .genesis, committedAt: 1_764_460_921_500).encoded()
    }

    func summary(_ payload: RecordPayload, images: Bool = false) -> SubjectAccessSummary {
        let stored = StoredRecord(recordID: payload.manifest.recordID, deviceID: device.deviceID, sequence: 1, receivedAt: 1_764_461_000_000, erased: false)
        return SubjectAccessSummary(payload: payload, stored: stored, kioskLabel: "north-7", includeFingerImages: images, now: 1_764_500_000_000)
    }

    @Test func theRecordOpensWithTheCentralKeyAndTheKiosksKeyOnly() throws {
        let envelope = try sealed(Self.payload())
        let opened = try SubjectAccessCopy.open(envelope, devicePublicKey: device.publicKey, sealingKey: central)
        #expect(opened.manifest.recordID == Self.payload().manifest.recordID && opened.parts.count == 5)
        #expect(opened.manifest.deviceID == device.deviceID && opened.manifest.sequence == 1)

        #expect(throws: SubjectAccessCopy.Failure.wrongSealingKey) {
            try SubjectAccessCopy.open(envelope, devicePublicKey: device.publicKey, sealingKey: .init())
        }
        let other = #expect(throws: SubjectAccessCopy.Failure.self) {
            try SubjectAccessCopy.open(envelope, devicePublicKey: DeviceKey().publicKey, sealingKey: central)
        }
        #expect(other == .doesNotVerify("wrong device"))
        var altered = envelope
        altered[altered.count - 10] ^= 0x01
        #expect(throws: SubjectAccessCopy.Failure.doesNotVerify("sealed payload digest mismatch")) {
            try SubjectAccessCopy.open(altered, devicePublicKey: device.publicKey, sealingKey: central)
        }
        for broken in [Array(envelope.prefix(envelope.count / 2)), Array(envelope.prefix(40)), [], [UInt8](repeating: 0xFF, count: 5_000)] {
            #expect(throws: SubjectAccessCopy.Failure.doesNotVerify("malformed")) {
                try SubjectAccessCopy.open(broken, devicePublicKey: device.publicKey, sealingKey: central)
            }
        }
        #expect(throws: SubjectAccessCopy.Failure.doesNotVerify("the registered key is not an Ed25519 key")) {
            try SubjectAccessCopy.open(envelope, devicePublicKey: [1, 2, 3], sealingKey: central)
        }
    }

    @Test func theSummarySaysWhatIsHeldInPlainWords() throws {
        let payload = try SubjectAccessCopy.open(try sealed(Self.payload()), devicePublicKey: device.publicKey, sealingKey: central)
        let summary = summary(payload)
        #expect(summary.short_reference == "3F9A 21C7" && summary.record_id == "01932f4e-8a00-7c3d-9a4b-5e6f3f9a21c7")
        #expect(summary.kiosk.device_id == Hex.encode(device.deviceID) && summary.kiosk.label == "north-7" && summary.chain_position == 1)
        #expect(summary.session_started_at == "2025-11-30T00:00:00Z" && summary.enrolled_at == "2025-11-30T00:02:01Z")
        #expect(summary.consent.answer == "granted_by_guardian" && summary.consent.text_version == "2" && summary.consent.language == nil)
        #expect(summary.details.map { "\($0.name)=\($0.value)" } == ["birth_year=1987", "reference=REF-PRIVATE-7731"])
        #expect(summary.fingers.map(\.finger) == ["right_thumb", "right_index", "right_middle", "left_thumb", "left_index"])
        #expect(summary.fingers.map(\.captured) == [false, true, true, false, false])
        #expect(summary.fingers.map(\.quality) == [nil, 81, 55, nil, nil])
        #expect(summary.fingers.compactMap(\.reason_not_captured) == ["bandaged or in a cast", "you preferred not to give it", "the finger is missing (lost, or absent from birth)"])
        #expect(summary.photo.held && summary.photo.quality == 64 && summary.photo.reason_not_taken == nil && summary.photo.file == "photo.jpg")
        #expect(summary.templates.held == 2 && summary.templates.fingers == ["right_index", "right_middle"])
        #expect(summary.finger_images.held == 2 && !summary.finger_images.included)

        let text = summary.text()
        for line in [
            "What the central office holds about you: record 3F9A 21C7", "Kiosk: north-7, device \(Hex.encode(device.deviceID))",
            "Enrolled: 2025-11-30 00:02 UTC (the session started 2025-11-30 00:00 UTC).", "Received by the central office: 2025-11-30 00:03 UTC",
            "A parent or guardian agreed for you to the consent text of version 2", "reference: REF-PRIVATE-7731",
            "right thumb: not taken (bandaged or in a cast)", "right index: taken, quality score 81 of 100",
            "left index: not taken (the finger is missing (lost, or absent from birth))",
            "A photograph of your face is held: photo.jpg in this folder; its quality score is 64 of 100.",
            "2 held (right index, right middle). A template is what the computer measured", "staff decided you had not been enrolled before",
            "The staff account that made the enrollment", "The ids of other people's records",
        ] {
            #expect(text.contains(line), "missing: \(line)\n\(text)")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try summary.json())) as? [String: Any])
        #expect((json["templates"] as? [String: Any])?["held"] as? Int == 2)
        #expect((json["fingers"] as? [[String: Any]])?.count == 5 && json["short_reference"] as? String == "3F9A 21C7")
    }

    @Test(arguments: [false, true])
    func theCopyHoldsThePhotographAndNoTemplateStaffAccountOrOtherPersonsID(_ images: Bool) throws {
        let payload = try SubjectAccessCopy.open(try sealed(Self.payload()), devicePublicKey: device.publicKey, sealingKey: central)
        let files = try SubjectAccessCopy.files(summary(payload, images: images), payload)
        let pictures = images ? ["finger-02-right_index.png", "finger-03-right_middle.png"] : []
        #expect(files.map(\.name) == ["summary.txt", "summary.json", "photo.jpg"] + pictures)
        #expect(files[2].bytes == Self.photoBytes)
        if images { #expect(files[3].bytes == Self.indexImage && files[4].bytes == Self.middleImage) }
        let everything = files.flatMap(\.bytes)
        for secret in [Self.templateBytes, Self.middleTemplate, Array("op-staff-4242".utf8), Array(Self.candidate.description.utf8),
                       Array(Hex.encode(Self.candidate.bytes).utf8)] {
            #expect(everything.firstRange(of: secret) == nil, "\(String(decoding: secret, as: UTF8.self)) is in the copy")
        }
        #expect((everything.firstRange(of: Self.indexImage) != nil) == images)
    }

    @Test func noPhotographSaysWhy() throws {
        let declined = summary(Self.payload(face: .init(quality: nil, exception: .declined)))
        #expect(!declined.photo.held && declined.photo.quality == nil && declined.photo.reason_not_taken == "you preferred not to give it" && declined.photo.file == nil)
        #expect(declined.text().contains("No photograph is held: you preferred not to give it."))
        let none = summary(Self.payload(face: nil))
        #expect(none.text().contains("No photograph is held: the kiosk was not set to take one."))
        #expect(try SubjectAccessCopy.files(none, Self.payload(face: nil)).map(\.name) == ["summary.txt", "summary.json"])
    }

    /// A field typed with a terminal escape sequence cannot rewrite the screen of whoever
    /// reads the text; the JSON keeps it, escaped.
    @Test func controlCharactersInDetailsAreDefusedInTheText() throws {
        let hostile = summary(Self.payload(subject: [.init(name: "reference", value: "A\u{1B}[2J\u{07}B")]))
        #expect(hostile.text().contains("reference: A?[2J?B") && !hostile.text().contains("\u{1B}"))
        let json = String(decoding: try hostile.json(), as: UTF8.self)
        #expect(json.lowercased().contains("a\\u001b[2j\\u0007b"))
    }

    @Test func aLanguageIsNamedOnlyWhenTheVersionNamesIt() {
        #expect(SubjectAccessSummaryProbe.language("2026-11-en") == "en")
        #expect(SubjectAccessSummaryProbe.language("2") == nil)
        #expect(SubjectAccessSummaryProbe.language("2026-11-EN") == nil)
        #expect(SubjectAccessSummaryProbe.language("v-\u{1B}[") == nil)
    }
}

/// The language rule through the summary itself: a record whose version names it.
enum SubjectAccessSummaryProbe {
    static func language(_ version: String) -> String? {
        var payload = SubjectAccessTests.payload()
        payload.manifest.consent.textVersion = version
        let stored = StoredRecord(recordID: payload.manifest.recordID, deviceID: [], sequence: 1, receivedAt: 0, erased: false)
        return SubjectAccessSummary(payload: payload, stored: stored, kioskLabel: nil, includeFingerImages: false, now: 0).consent.language
    }
}
