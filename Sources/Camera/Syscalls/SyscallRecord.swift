/// One system call of a recorded V4L2 session, as `RecordingSystemCalls` writes it and the
/// tests' replay reads it (one JSON object per line). Frame contents are not recorded:
/// the ioctl argument structs are, byte for byte, which is what the typed layer parses.
public struct SyscallRecord: Codable, Sendable, Equatable {
    /// `open`, `ioctl`, `mmap` or `poll`.
    public var call: String
    /// The ioctl's name (`VIDIOC_DQBUF`), or the path for `open`.
    public var request: String?
    /// The argument struct before the call, hex.
    public var input: String?
    /// The argument struct after the call, hex.
    public var output: String?
    /// What the call answered: a result, or `-errno`.
    public var result: Int32
    /// mmap's length and offset.
    public var length: Int?
    /// mmap's offset (from VIDIOC_QUERYBUF).
    public var offset: Int?
    /// poll's revents, one per descriptor.
    public var revents: [Int16]?

    public init(call: String, request: String? = nil, input: String? = nil, output: String? = nil, result: Int32,
                length: Int? = nil, offset: Int? = nil, revents: [Int16]? = nil) {
        self.call = call
        self.request = request
        self.input = input
        self.output = output
        self.result = result
        self.length = length
        self.offset = offset
        self.revents = revents
    }

    /// Lowercase hex of `bytes`.
    public static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes { text.append(digits[Int(byte >> 4)]); text.append(digits[Int(byte & 15)]) }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of a hex string (nil when it is not hex).
    public static func bytes(_ hex: String) -> [UInt8]? {
        let utf8 = Array(hex.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}
