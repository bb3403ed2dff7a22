/// The manifest's canonical encoding (docs/record-format.md, "Manifest").
extension RecordManifest {
    static let magic: [UInt8] = Array("ENRM".utf8)
    static let maximumTextBytes = 4096
    static let maximumSubjectFields = 64
    static let maximumCandidates = 256

    /// The canonical bytes: what the device signs.
    public func encoded() -> [UInt8] {
        var w = ByteWriter(reservingCapacity: 512)
        w.raw(Self.magic)
        w.u16(Self.formatVersion)
        w.raw(recordID.bytes)
        w.raw(deviceID)
        w.u64(sequence)
        w.raw(previousHash)
        w.i64(capturedAt)
        w.i64(committedAt)
        w.string(operatorID)
        w.string(consent.textVersion)
        w.u8(consent.answer.rawValue)
        w.u32(UInt32(subjectFields.count))
        for field in subjectFields {
            w.string(field.name)
            w.string(field.value)
        }
        w.u32(UInt32(fingers.count))
        for finger in fingers {
            w.u8(finger.position)
            w.optional(finger.quality) { $0.u8($1) }
            w.optional(finger.exception) { $0.u8($1.rawValue) }
        }
        w.optional(face) { w, face in
            w.optional(face.quality) { $0.u8($1) }
            w.optional(face.exception) { $0.u8($1.rawValue) }
        }
        w.u32(UInt32(duplicateCheck.candidates.count))
        for candidate in duplicateCheck.candidates {
            w.raw(candidate.recordID.bytes)
            w.u32(candidate.score)
        }
        w.u8(duplicateCheck.decision.rawValue)
        return w.bytes
    }

    /// Reads canonical bytes; anything else (truncated, oversized, unsorted, trailing
    /// bytes, unknown enum values) is a `RecordFormatError`.
    public init(decoding bytes: [UInt8]) throws(RecordFormatError) {
        var r = ByteReader(bytes)
        guard try r.raw(4) == Self.magic else { throw .badMagic }
        let version = try r.u16()
        guard version == Self.formatVersion else { throw .unsupportedVersion(Int(version)) }
        guard let id = RecordID(bytes: try r.raw(16)), id.isVersion7 else { throw .invalidValue("record id") }
        let device = try r.raw(16)
        let sequence = try r.u64()
        guard (1...UInt64(Int64.max)).contains(sequence) else { throw .invalidValue("sequence") }
        let previous = try r.raw(32)
        let capturedAt = try r.i64()
        let committedAt = try r.i64()
        let operatorID = try r.string(limit: Self.maximumTextBytes, field: "operator id")
        let textVersion = try r.string(limit: Self.maximumTextBytes, field: "consent text version")
        guard let answer = Consent.Answer(rawValue: try r.u8()) else { throw .invalidValue("consent answer") }
        var fields: [SubjectField] = []
        for _ in 0..<(try r.count(limit: Self.maximumSubjectFields, field: "subject fields")) {
            fields.append(SubjectField(
                name: try r.string(limit: Self.maximumTextBytes, field: "subject field name"),
                value: try r.string(limit: Self.maximumTextBytes, field: "subject field value")))
        }
        var fingers: [FingerEntry] = []
        for _ in 0..<(try r.count(limit: 10, field: "fingers")) {
            let position = try r.u8()
            guard (1...10).contains(position) else { throw .invalidValue("finger position") }
            let quality = try r.optional("finger quality") { r throws(RecordFormatError) in try Self.score(&r, "finger quality") }
            let exception = try r.optional("finger exception") { r throws(RecordFormatError) in try Self.exception(&r) }
            fingers.append(FingerEntry(position: position, quality: quality, exception: exception))
        }
        let face = try r.optional("face") { r throws(RecordFormatError) in
            FaceEntry(
                quality: try r.optional("face quality") { r throws(RecordFormatError) in try Self.score(&r, "face quality") },
                exception: try r.optional("face exception") { r throws(RecordFormatError) in try Self.exception(&r) })
        }
        var candidates: [DuplicateCheck.Candidate] = []
        for _ in 0..<(try r.count(limit: Self.maximumCandidates, field: "candidates")) {
            guard let candidate = RecordID(bytes: try r.raw(16)) else { throw .invalidValue("candidate") }
            candidates.append(.init(recordID: candidate, score: try r.u32()))
        }
        guard let decision = DuplicateCheck.Decision(rawValue: try r.u8()) else { throw .invalidValue("duplicate decision") }
        try r.finish()

        self.init(
            recordID: id, deviceID: device, sequence: sequence, previousHash: previous,
            capturedAt: capturedAt, committedAt: committedAt, operatorID: operatorID,
            consent: Consent(textVersion: textVersion, answer: answer), subjectFields: fields,
            fingers: fingers, face: face, duplicateCheck: DuplicateCheck(candidates: candidates, decision: decision))
        guard isCanonical else { throw .notCanonical }
    }

    /// Subject fields sorted by name (UTF-8 bytes) and unique; fingers sorted by position
    /// and unique. Two equal manifests therefore have one encoding.
    public var isCanonical: Bool {
        let names = subjectFields.map { Array($0.name.utf8) }
        let sortedNames = zip(names, names.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) }
        let positions = fingers.map(\.position)
        let sortedPositions = zip(positions, positions.dropFirst()).allSatisfy { $0 < $1 }
        return sortedNames && sortedPositions
    }

    /// Puts fields and fingers in canonical order (the builder calls this before signing).
    public mutating func canonicalize() {
        subjectFields.sort { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        fingers.sort { $0.position < $1.position }
    }

    private static func score(_ r: inout ByteReader, _ field: String) throws(RecordFormatError) -> UInt8 {
        let value = try r.u8()
        guard value <= 100 else { throw .invalidValue(field) }
        return value
    }

    private static func exception(_ r: inout ByteReader) throws(RecordFormatError) -> Exception {
        guard let value = Exception(rawValue: try r.u8()) else { throw .invalidValue("exception") }
        return value
    }
}
