import Foundation

/// The body of `POST /v1/audit`: audit entries as JSON, oldest first (docs/sync-protocol.md).
/// The kiosk encodes with it and the receiver decodes with it, so both read one format.
public enum AuditBatch {
    public static let mediaType = "application/vnd.enrolld.audit+json"
    /// Most entries in one batch: a kiosk sends fewer, a receiver refuses more.
    public static let maximumEntries = 500
    /// Longest actor or action, in UTF-8 bytes (the kiosk's are short dotted words and ids).
    public static let maximumTextBytes = 256
    /// Largest body a receiver reads: `maximumEntries` entries of the longest kind, with margin.
    public static let maximumBytes = 1 << 20

    public static func encode(_ entries: [AuditEntry]) -> [UInt8] {
        let wire = Wire(entries: entries.map(WireEntry.init))
        // Encoding plain strings and integers cannot fail.
        return Array((try? JSONEncoder().encode(wire)) ?? Data())
    }

    /// The entries of a body, checked for shape only (types, sizes, lengths, at most
    /// `maximumEntries`); `AuditChain.verify` checks them as a chain.
    public static func decode(_ body: [UInt8]) throws(AuditBatchError) -> [AuditEntry] {
        guard body.count <= maximumBytes else { throw AuditBatchError("the batch is larger than \(maximumBytes) bytes") }
        let wire: Wire
        do { wire = try JSONDecoder().decode(Wire.self, from: Data(body)) } catch {
            throw AuditBatchError("not an audit batch: \(describe(error))")
        }
        guard !wire.entries.isEmpty else { throw AuditBatchError("the batch has no entries") }
        guard wire.entries.count <= maximumEntries else { throw AuditBatchError("at most \(maximumEntries) entries per batch, not \(wire.entries.count)") }
        var entries: [AuditEntry] = []
        entries.reserveCapacity(wire.entries.count)
        for (index, item) in wire.entries.enumerated() {
            entries.append(try item.entry(index: index))
        }
        return entries
    }

    /// A decoding error in a few words, without echoing the body.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "unreadable JSON" }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(path(context.codingPath))"
        case .keyNotFound(let key, let context):
            return "missing \(path(context.codingPath + [key]))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "unreadable JSON" : "unreadable value at \(path(context.codingPath))"
        @unknown default:
            return "unreadable JSON"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    struct Wire: Codable {
        let entries: [WireEntry]
    }

    /// One entry as JSON (snake_case keys, hex hashes): the batch's items, and what
    /// `enroll-ingest audit --json` prints.
    public struct WireEntry: Codable, Sendable {
        let seq: Int64
        let at: Int64
        let actor: String
        let action: String
        let recordID: String?
        let previousHash: String
        let hash: String

        enum CodingKeys: String, CodingKey {
            case seq, at, actor, action, recordID = "record_id", previousHash = "previous_hash", hash
        }

        public init(_ entry: AuditEntry) {
            seq = entry.seq
            at = entry.at
            actor = entry.actor
            action = entry.action
            recordID = entry.recordID.map { Hex.encode($0.bytes) }
            previousHash = Hex.encode(entry.previousHash)
            hash = Hex.encode(entry.hash)
        }

        func entry(index: Int) throws(AuditBatchError) -> AuditEntry {
            let at = "entry [\(index)]"
            guard seq >= 1 else { throw AuditBatchError("\(at): seq must be 1 or more") }
            guard actor.utf8.count <= AuditBatch.maximumTextBytes, action.utf8.count <= AuditBatch.maximumTextBytes else {
                throw AuditBatchError("\(at): actor and action are at most \(AuditBatch.maximumTextBytes) bytes")
            }
            guard let previous = Hex.decode(previousHash), previous.count == 32 else { throw AuditBatchError("\(at): previous_hash must be 64 hex digits") }
            guard let hash = Hex.decode(hash), hash.count == 32 else { throw AuditBatchError("\(at): hash must be 64 hex digits") }
            var recordID: RecordID?
            if let text = self.recordID {
                guard let bytes = Hex.decode(text), let id = RecordID(bytes: bytes) else { throw AuditBatchError("\(at): record_id must be 32 hex digits or null") }
                recordID = id
            }
            return AuditEntry(seq: seq, at: self.at, actor: actor, action: action, recordID: recordID, previousHash: previous, hash: hash)
        }
    }
}

/// A body that is not an audit batch (wrong JSON, types or sizes); nothing was stored.
public struct AuditBatchError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The receiver's answer to an audit batch: the last entry it now holds for the kiosk.
public struct AuditHeadReply: Codable, Sendable, Equatable {
    public var seq: Int64
    /// Hex of that entry's hash.
    public var hash: String

    public init(_ head: AuditHead) {
        seq = head.seq
        hash = Hex.encode(head.hash)
    }

    /// The head it names, nil when the hash is not 32 bytes of hex or the seq is negative.
    public var head: AuditHead? {
        guard seq >= 0, let bytes = Hex.decode(hash), bytes.count == 32 else { return nil }
        return AuditHead(seq: seq, hash: bytes)
    }
}
