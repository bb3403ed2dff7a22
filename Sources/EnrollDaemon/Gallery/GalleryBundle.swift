import Crypto
import EnrollCore
import Foundation
import Matching

/// A signed gallery bundle from the central server: people enrolled elsewhere, as ISO/IEC
/// 19794-2 templates with their record ids, and (version 2) the records the central office
/// removed, whose templates every kiosk must delete (docs/gallery-bundle.md). Nothing in a
/// bundle is trusted before its Ed25519 signature verifies with the configured central
/// gallery key, and every template parses; only then is anything stored or deleted.
struct GalleryBundle: Equatable {
    struct Entry: Equatable {
        var recordID: RecordID
        /// ISO finger position, 1–10.
        var fingerPosition: UInt8
        var template: Matching.FingerprintTemplate
    }

    /// Why a bundle was refused.
    struct Refusal: Error, CustomStringConvertible, Equatable {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static let magic: [UInt8] = Array("EGB1".utf8) + [0x0D, 0x0A, 0x1A, 0x0A]
    /// Version 2: a removal list follows the entries.
    static let magicWithRemovals: [UInt8] = Array("EGB2".utf8) + [0x0D, 0x0A, 0x1A, 0x0A]
    static let headerSize = 28
    static let signatureSize = 64
    /// 100,000 entries of typical templates fit easily; a bigger upload is refused before
    /// anything is read.
    static let maximumSize = 64 << 20
    static let maximumEntries = 200_000
    static let maximumRemovals = 1_000_000

    /// Strictly increasing per gallery key; a kiosk refuses a sequence it has already seen.
    var sequence: UInt64
    /// Unix milliseconds when the central server made it (informative).
    var createdAt: UInt64
    var entries: [Entry]
    /// Records to delete from the gallery (sorted, without repeats once parsed).
    var removals: [RecordID] = []

    /// Checks size, signature and every entry of `bytes`.
    static func verify(_ bytes: [UInt8], key: Curve25519.Signing.PublicKey) throws(Refusal) -> GalleryBundle {
        guard bytes.count <= maximumSize else { throw Refusal("the bundle is \(bytes.count) bytes; at most \(maximumSize) are accepted") }
        guard bytes.count >= headerSize + signatureSize else { throw Refusal("truncated: \(bytes.count) bytes, less than a header and a signature") }
        let head = Array(bytes[0..<8])
        guard head == magic || head == magicWithRemovals else { throw Refusal("not a gallery bundle (wrong magic)") }
        let signed = bytes[0..<(bytes.count - signatureSize)]
        guard key.isValidSignature(bytes[(bytes.count - signatureSize)...], for: signed) else {
            throw Refusal("the signature does not verify with matching.bundle_public_key")
        }
        return try parse(Array(signed))
    }

    /// Reads a signed body (everything before the signature).
    private static func parse(_ body: [UInt8]) throws(Refusal) -> GalleryBundle {
        var reader = ByteCursor(body)
        reader.offset = magic.count
        let sequence = try reader.u64(), createdAt = try reader.u64()
        let count = Int(try reader.u32())
        guard count <= maximumEntries else { throw Refusal("\(count) entries announced; at most \(maximumEntries)") }
        var entries: [Entry] = []
        entries.reserveCapacity(min(count, body.count / 40))
        for index in 0..<count {
            guard let record = RecordID(bytes: try reader.bytes(16)) else { throw Refusal("entry \(index): truncated record id") }
            let position = try reader.byte()
            guard (1...10).contains(position) else { throw Refusal("entry \(index): finger position \(position) is not 1–10") }
            let length = Int(try reader.u32())
            guard length <= ISO19794Template.maximumRecordSize else { throw Refusal("entry \(index): template of \(length) bytes") }
            let template: Matching.FingerprintTemplate
            do { template = try ISO19794Template.decode(try reader.bytes(length)) } catch let failure as ISO19794Template.Failure {
                throw Refusal("entry \(index): \(failure)")
            } catch { throw Refusal("entry \(index): truncated template") }
            entries.append(Entry(recordID: record, fingerPosition: position, template: template))
        }
        var removals: [RecordID] = []
        if Array(body[0..<8]) == magicWithRemovals {
            let count = Int(try reader.u32())
            guard count <= maximumRemovals else { throw Refusal("\(count) removals announced; at most \(maximumRemovals)") }
            guard count <= (body.count - reader.offset) / 16 else { throw Refusal("truncated removal list") }
            for index in 0..<count {
                guard let record = RecordID(bytes: try reader.bytes(16)) else { throw Refusal("removal \(index): truncated record id") }
                removals.append(record)
            }
            removals = Array(Set(removals)).sorted()
            let listed = Set(entries.map(\.recordID))
            if let both = removals.first(where: listed.contains) {
                throw Refusal("record \(both) is both listed and removed")
            }
        }
        guard reader.offset == body.count else { throw Refusal("\(body.count - reader.offset) bytes after the last entry") }
        return GalleryBundle(sequence: sequence, createdAt: createdAt, entries: entries, removals: removals)
    }

    /// The signed bytes, as the central server writes them: version 1 without removals,
    /// version 2 with them.
    func encoded(signingWith key: Curve25519.Signing.PrivateKey) throws -> [UInt8] {
        var bytes = removals.isEmpty ? Self.magic : Self.magicWithRemovals
        bytes += Self.bigEndian(sequence, 8) + Self.bigEndian(createdAt, 8) + Self.bigEndian(UInt64(entries.count), 4)
        for entry in entries {
            let record = ISO19794Template.encode(entry.template, fingerPosition: entry.fingerPosition)
            bytes += entry.recordID.bytes + [entry.fingerPosition] + Self.bigEndian(UInt64(record.count), 4) + record
        }
        if !removals.isEmpty {
            bytes += Self.bigEndian(UInt64(removals.count), 4)
            for record in removals { bytes += record.bytes }
        }
        return bytes + Array(try key.signature(for: bytes))
    }

    private static func bigEndian(_ value: UInt64, _ size: Int) -> [UInt8] {
        (0..<size).map { UInt8((value >> UInt64(8 * (size - 1 - $0))) & 0xFF) }
    }
}

/// Reads big-endian fields, refusing to read past the end.
private struct ByteCursor {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func bytes(_ count: Int) throws(GalleryBundle.Refusal) -> [UInt8] {
        guard count >= 0, bytes.count - offset >= count else { throw .init("truncated at byte \(offset)") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func byte() throws(GalleryBundle.Refusal) -> UInt8 { try bytes(1)[0] }
    mutating func u32() throws(GalleryBundle.Refusal) -> UInt32 { try bytes(4).reduce(0) { $0 << 8 | UInt32($1) } }
    mutating func u64() throws(GalleryBundle.Refusal) -> UInt64 { try bytes(8).reduce(0) { $0 << 8 | UInt64($1) } }
}
