import EnrollCore

/// Made-up records for tests, the crash writer and the benchmark: plausible manifests
/// and random part bytes of a chosen size. No real person's data, ever.
public enum SyntheticRecords {
    /// A payload whose parts total about `partBytes` bytes (four finger images and a face).
    public static func payload<G: RandomNumberGenerator>(partBytes: Int, now: Int64, using generator: inout G) -> RecordPayload {
        let id = RecordID(unixMilliseconds: now, using: &generator)
        let manifest = RecordManifest(
            recordID: id, deviceID: [UInt8](repeating: 0, count: 16), sequence: 1,
            previousHash: [UInt8](repeating: 0, count: 32), capturedAt: now - 90_000, committedAt: now,
            operatorID: "op-\(UInt16.random(in: 1...999, using: &generator))",
            consent: .init(textVersion: "2026-11-en", answer: .granted),
            subjectFields: [.init(name: "birth_year", value: "19\(Int.random(in: 40...99, using: &generator))"), .init(name: "site", value: "north-7")],
            fingers: [
                .init(position: 2, quality: UInt8.random(in: 40...100, using: &generator), exception: nil),
                .init(position: 3, quality: UInt8.random(in: 40...100, using: &generator), exception: nil),
                .init(position: 7, quality: nil, exception: .bandaged),
                .init(position: 8, quality: UInt8.random(in: 40...100, using: &generator), exception: nil),
            ],
            face: .init(quality: 77, exception: nil),
            duplicateCheck: .init(candidates: [], decision: .noCandidates))
        let share = max(1, partBytes / 4)
        func bytes(_ count: Int) -> [UInt8] {
            var out = [UInt8](repeating: 0, count: count)
            var i = 0
            while i < count {
                var word = generator.next()
                for _ in 0..<8 where i < count {
                    out[i] = UInt8(truncatingIfNeeded: word)
                    word >>= 8
                    i += 1
                }
            }
            return out
        }
        let parts = [
            RecordPart(kind: .fingerImage, position: 2, bytes: bytes(share)),
            RecordPart(kind: .fingerImage, position: 3, bytes: bytes(share)),
            RecordPart(kind: .fingerImage, position: 8, bytes: bytes(share)),
            RecordPart(kind: .faceImage, position: 0, bytes: bytes(max(1, partBytes - 3 * share))),
        ]
        return RecordPayload(manifest: manifest, parts: parts)
    }
}
