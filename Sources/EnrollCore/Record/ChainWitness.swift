/// The chain head the store last committed, kept in a small file beside the database
/// (`enrolld.head`). SQLite's WAL recovery stops at the first frame with a bad checksum and
/// silently drops every later frame, and a database restored from an older copy looks just
/// as sound: neither shows in an integrity check, because the records are simply gone. The
/// witness remembers what was acknowledged to people, so start-up can notice the loss.
///
/// The file is plain text, one `key value` per line, so a technician can read it:
/// ```
/// enrolld-chain-witness 1
/// device <32 hex digits: the device id whose chain this is>
/// sequence <decimal>
/// hash <64 hex digits: SHA-256 of the head's envelope>
/// receipted <decimal: the highest sequence with a central receipt, 0 for none>
/// ```
public struct ChainWitness: Sendable, Equatable {
    /// The device id (16 bytes: the start of the SHA-256 of the device's public key) whose chain this is.
    public var deviceID: [UInt8]
    /// The committed head.
    public var head: ChainHead
    /// The highest sequence the central server has receipted, as the store knew it.
    public var receiptedThrough: UInt64

    public init(deviceID: [UInt8], head: ChainHead, receiptedThrough: UInt64) {
        self.deviceID = deviceID
        self.head = head
        self.receiptedThrough = receiptedThrough
    }

    /// The most bytes a witness file may have: a valid one is about 200. Anything larger is
    /// not read at all (a hostile or runaway file must not make start-up allocate).
    public static let maximumBytes = 1024

    static let magic = "enrolld-chain-witness 1"

    /// The file's bytes.
    public func encoded() -> [UInt8] {
        Array("""
            \(Self.magic)
            device \(Hex.encode(deviceID))
            sequence \(head.sequence)
            hash \(Hex.encode(head.hash))
            receipted \(receiptedThrough)

            """.utf8)
    }

    /// Why a witness file's bytes are not a witness.
    public struct DecodingError: Error, Equatable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// Parses the exact format `encoded()` writes: the five lines in order, nothing else.
    /// Strict on purpose: a file that is not exactly a witness says nothing trustworthy.
    public init(decoding bytes: [UInt8]) throws(DecodingError) {
        guard bytes.count <= Self.maximumBytes else { throw DecodingError("larger than \(Self.maximumBytes) bytes") }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw DecodingError("not UTF-8 text") }
        guard text.hasSuffix("\n") else { throw DecodingError("truncated (no final newline)") }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count == 5 else { throw DecodingError("\(lines.count) lines instead of 5") }
        guard lines[0] == Self.magic else { throw DecodingError("not a chain witness (first line)") }
        func value(_ line: Int, _ key: String) throws(DecodingError) -> String {
            let prefix = key + " "
            guard lines[line].hasPrefix(prefix) else { throw DecodingError("line \(line + 1) is not `\(key)`") }
            return String(lines[line].dropFirst(prefix.count))
        }
        func digest(_ line: Int, _ key: String, bytes count: Int) throws(DecodingError) -> [UInt8] {
            let text = try value(line, key)
            // Lowercase only, as written: one file, one reading (the fuzzer's round-trip oracle).
            guard text.utf8.count == 2 * count, text.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }),
                  let bytes = Hex.decode(text) else { throw DecodingError("`\(key)` is not \(2 * count) lowercase hex digits") }
            return bytes
        }
        func number(_ line: Int, _ key: String) throws(DecodingError) -> UInt64 {
            let text = try value(line, key)
            // UInt64("+1") accepts a sign; only plain digits without a leading zero, at most 19, are a sequence.
            guard !text.isEmpty, text.utf8.count <= 19, text.utf8.allSatisfy({ (48...57).contains($0) }),
                  text == "0" || !text.hasPrefix("0"), let number = UInt64(text) else { throw DecodingError("`\(key)` is not a decimal number") }
            return number
        }
        deviceID = try digest(1, "device", bytes: 16)
        let sequence = try number(2, "sequence")
        let hash = try digest(3, "hash", bytes: 32)
        receiptedThrough = try number(4, "receipted")
        head = ChainHead(sequence: sequence, hash: hash)
        guard receiptedThrough <= sequence else { throw DecodingError("`receipted` is beyond the head") }
    }
}
