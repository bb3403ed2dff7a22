/// One journal entry in systemd's native protocol (`systemd-journald.socket(8)`):
/// `KEY=value\n` per field, or for values containing a newline,
/// `KEY\n`, the value's length as a little-endian UInt64, the value, `\n`.
public struct JournalEntry: Sendable, Equatable {
    /// Fields in the order they were added; a key may repeat, as the protocol allows.
    public private(set) var fields: [(name: String, value: String)] = []

    public init() {}

    /// Adds a field. Names journald would reject (see `isValidFieldName`) are dropped,
    /// since one bad field makes journald discard the whole entry.
    public mutating func append(_ name: String, _ value: String) {
        guard Self.isValidFieldName(name) else { return }
        fields.append((name, value))
    }

    /// The value of the first field with this name.
    public subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// journald accepts `[A-Z0-9_]`, not starting with `_` (those are trusted fields it
    /// adds itself) or a digit, at most 64 bytes.
    public static func isValidFieldName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 64,
              first != UInt8(ascii: "_"), !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }

    /// The datagram journald reads.
    public func serialized() -> [UInt8] {
        var bytes: [UInt8] = []
        for (name, value) in fields {
            let valueBytes = Array(value.utf8)
            bytes.append(contentsOf: name.utf8)
            if valueBytes.contains(UInt8(ascii: "\n")) {
                bytes.append(UInt8(ascii: "\n"))
                withUnsafeBytes(of: UInt64(valueBytes.count).littleEndian) { bytes.append(contentsOf: $0) }
            } else {
                bytes.append(UInt8(ascii: "="))
            }
            bytes.append(contentsOf: valueBytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    public static func == (lhs: JournalEntry, rhs: JournalEntry) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }
}

extension JournalEntry {
    /// Parses a native-protocol datagram: what journald does with `serialized()`.
    /// Used by tests that stand in for journald on a socket of their own.
    public init?(parsing bytes: [UInt8]) {
        var index = 0
        while index < bytes.count {
            guard let end = bytes[index...].firstIndex(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "=") })
            else { return nil }
            let name = String(decoding: bytes[index..<end], as: UTF8.self)
            if bytes[end] == UInt8(ascii: "=") {
                guard let newline = bytes[end...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
                fields.append((name, String(decoding: bytes[(end + 1)..<newline], as: UTF8.self)))
                index = newline + 1
            } else {
                let lengthStart = end + 1
                guard bytes.count >= lengthStart + 8 else { return nil }
                var length: UInt64 = 0
                for (shift, byte) in bytes[lengthStart..<(lengthStart + 8)].enumerated() {
                    length |= UInt64(byte) << (8 * UInt64(shift))
                }
                let valueStart = lengthStart + 8
                guard length <= UInt64(bytes.count - valueStart - 1),
                      bytes[valueStart + Int(length)] == UInt8(ascii: "\n") else { return nil }
                fields.append((name, String(decoding: bytes[valueStart..<(valueStart + Int(length))], as: UTF8.self)))
                index = valueStart + Int(length) + 1
            }
        }
    }
}
