import EnrollCore
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
}
