import Matching

/// The plaintext sealed in one gallery row: one finger's templates (one per enroll stage)
/// as ISO/IEC 19794-2:2005 records, so the same bytes serve local entries and entries
/// imported from the central server.
///
///     "EGT1"  count (1 byte, 1–16)  then count × (length, 4 bytes big-endian; ISO record)
enum GalleryTemplates {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let magic: [UInt8] = Array("EGT1".utf8)
    /// More stages than any libfprint driver enrolls (most use 5).
    static let maximumTemplates = 16

    static func encode(_ templates: [Matching.FingerprintTemplate], fingerPosition: UInt8) -> [UInt8] {
        let records = templates.prefix(maximumTemplates).map { ISO19794Template.encode($0, fingerPosition: fingerPosition) }
        var bytes = magic + [UInt8(records.count)]
        for record in records {
            let length = UInt32(record.count)
            bytes += [UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
            bytes += record
        }
        return bytes
    }

    static func decode(_ bytes: [UInt8]) throws(Failure) -> [Matching.FingerprintTemplate] {
        guard bytes.count >= 5, Array(bytes[0..<4]) == magic else { throw Failure(description: "not a gallery template list") }
        let count = Int(bytes[4])
        guard (1...maximumTemplates).contains(count) else { throw Failure(description: "\(count) templates (1–\(maximumTemplates) allowed)") }
        var offset = 5
        var templates: [Matching.FingerprintTemplate] = []
        for _ in 0..<count {
            guard bytes.count - offset >= 4 else { throw Failure(description: "truncated before a template's length") }
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            offset += 4
            guard length <= ISO19794Template.maximumRecordSize, bytes.count - offset >= length else {
                throw Failure(description: "a template of \(length) bytes does not fit")
            }
            do { templates.append(try ISO19794Template.decode(Array(bytes[offset..<offset + length]))) } catch {
                throw Failure(description: "template: \(error)")
            }
            offset += length
        }
        guard offset == bytes.count else { throw Failure(description: "\(bytes.count - offset) bytes after the last template") }
        return templates
    }
}
