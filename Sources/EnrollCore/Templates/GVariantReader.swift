/// Just enough of GVariant's serialization format (GLib's gvariant-serialiser) to read
/// libfprint prints without GLib, so the core stays free of C. Every offset read from the
/// data is checked against the bounds of its container before use; nothing here traps on
/// bad input.
struct GVariantSlice {
    let bytes: [UInt8]
    let start: Int
    let end: Int

    var size: Int { end - start }

    /// A child at offsets relative to this slice.
    func child(_ from: Int, _ to: Int, _ what: String) throws(PrintParseError) -> GVariantSlice {
        guard from >= 0, from <= to, to <= size else { throw .truncated(what) }
        return GVariantSlice(bytes: bytes, start: start + from, end: start + to)
    }

    /// The size of a framing offset in a container of `size` bytes.
    static func offsetSize(_ size: Int) -> Int {
        switch size {
        case 0: 0
        case 1...0xFF: 1
        case 0x100...0xFFFF: 2
        case 0x10000...0xFFFF_FFFF: 4
        default: 8
        }
    }

    /// A little-endian unsigned integer of `width` bytes at a relative offset.
    func unsigned(at offset: Int, width: Int, _ what: String) throws(PrintParseError) -> Int {
        guard width > 0, offset >= 0, offset + width <= size else { throw .truncated(what) }
        var value: UInt64 = 0
        for index in (0..<width).reversed() { value = value << 8 | UInt64(bytes[start + offset + index]) }
        guard value <= UInt64(Int.max) else { throw .malformed("\(what) is out of range") }
        return Int(value)
    }

    func int32() throws(PrintParseError) -> Int32 {
        guard size == 4 else { throw .malformed("an int32 of \(size) bytes") }
        return Int32(bitPattern: UInt32(try unsigned(at: 0, width: 4, "int32")))
    }

    func byte() throws(PrintParseError) -> UInt8 {
        guard size == 1 else { throw .malformed("a byte of \(size) bytes") }
        return bytes[start]
    }

    /// `s`: UTF-8 with one terminating NUL.
    func string(_ what: String) throws(PrintParseError) -> String {
        guard size >= 1, bytes[end - 1] == 0 else { throw .malformed("\(what) is not NUL-terminated") }
        let text = bytes[start..<(end - 1)]
        guard !text.contains(0) else { throw .malformed("\(what) contains a NUL byte") }
        return String(decoding: text, as: UTF8.self)
    }

    /// `ms`: empty for nothing; otherwise the string plus one extra 0 byte.
    func maybeString(_ what: String) throws(PrintParseError) -> String? {
        if size == 0 { return nil }
        guard bytes[end - 1] == 0 else { throw .malformed("\(what) lacks the maybe marker") }
        return try child(0, size - 1, what).string(what)
    }

    /// The members of a tuple, given each member's alignment and fixed size (nil when
    /// variable). Framing offsets of all variable members but the last sit at the end of
    /// the tuple, the first member's last.
    func tuple(_ members: [(alignment: Int, fixedSize: Int?)], _ what: String) throws(PrintParseError) -> [GVariantSlice] {
        let offsetSize = Self.offsetSize(size)
        let framed = members.dropLast().filter { $0.fixedSize == nil }.count
        let contentEnd = size - framed * offsetSize
        guard contentEnd >= 0 else { throw .truncated("\(what)'s framing offsets") }
        var children: [GVariantSlice] = []
        var position = 0
        var offsetIndex = 0
        for (index, member) in members.enumerated() {
            position = Self.align(position, member.alignment)
            let memberEnd: Int
            if let fixed = member.fixedSize {
                memberEnd = position + fixed
            } else if index == members.count - 1 {
                memberEnd = contentEnd
            } else {
                offsetIndex += 1
                memberEnd = try unsigned(at: size - offsetSize * offsetIndex, width: offsetSize, "\(what)'s framing offset")
            }
            guard position <= memberEnd, memberEnd <= contentEnd else { throw .truncated("member \(index) of \(what)") }
            children.append(try child(position, memberEnd, what))
            position = memberEnd
        }
        return children
    }

    /// The elements of an array whose elements vary in size (offsets table at the end).
    func variableArray(alignment: Int, _ what: String) throws(PrintParseError) -> [GVariantSlice] {
        if size == 0 { return [] }
        let offsetSize = Self.offsetSize(size)
        let lastEnd = try unsigned(at: size - offsetSize, width: offsetSize, "\(what)'s last offset")
        guard lastEnd <= size, (size - lastEnd) % offsetSize == 0 else { throw .malformed("\(what)'s offset table is inconsistent") }
        let count = (size - lastEnd) / offsetSize
        var elements: [GVariantSlice] = []
        elements.reserveCapacity(count)
        var position = 0
        for index in 0..<count {
            let elementStart = Self.align(position, alignment)
            let elementEnd = try unsigned(at: lastEnd + index * offsetSize, width: offsetSize, "\(what)'s offset")
            guard elementStart <= elementEnd, elementEnd <= lastEnd else { throw .truncated("element \(index) of \(what)") }
            elements.append(try child(elementStart, elementEnd, what))
            position = elementEnd
        }
        return elements
    }

    /// `ai`.
    func int32Array(_ what: String) throws(PrintParseError) -> [Int32] {
        guard size % 4 == 0 else { throw .malformed("\(what) is not a whole number of int32s") }
        var values: [Int32] = []
        values.reserveCapacity(size / 4)
        for index in 0..<(size / 4) {
            values.append(Int32(bitPattern: UInt32(try unsigned(at: index * 4, width: 4, what))))
        }
        return values
    }

    /// `v`: the child's bytes, a NUL, then the child's type string.
    func variant(_ what: String) throws(PrintParseError) -> (value: GVariantSlice, type: String) {
        guard let separator = (start..<end).last(where: { bytes[$0] == 0 }) else { throw .malformed("\(what) has no type string") }
        let type = String(decoding: bytes[(separator + 1)..<end], as: UTF8.self)
        guard !type.isEmpty else { throw .malformed("\(what) has an empty type string") }
        return (try child(0, separator - start, what), type)
    }

    static func align(_ offset: Int, _ alignment: Int) -> Int {
        alignment <= 1 ? offset : (offset + alignment - 1) / alignment * alignment
    }
}
