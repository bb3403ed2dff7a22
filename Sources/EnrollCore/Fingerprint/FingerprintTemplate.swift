/// An enrolled finger as the reader's library keeps it: opaque bytes (libfprint's
/// serialized print) that only a compatible driver can match against. `PrintTemplate`
/// parses the portable part (NBIS minutiae) out of them.
public struct FingerprintTemplate: Sendable, Equatable, Hashable, Codable {
    /// libfprint's `fp_print_serialize` output.
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }
}
