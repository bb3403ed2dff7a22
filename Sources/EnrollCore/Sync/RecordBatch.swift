/// The body of `POST /v1/records`: envelopes back to back, each preceded by its length as
/// a big-endian UInt32. Binary rather than JSON so a 200 KiB record costs 4 bytes of
/// framing instead of a third more in base64. Layout in docs/sync-protocol.md.
public enum RecordBatch {
    /// The media type the uploader sends and the receiver insists on.
    public static let mediaType = "application/vnd.enrolld.records"
    /// The most records one batch may carry.
    public static let maximumCount = 1000
    /// The largest envelope one frame may hold.
    public static let maximumEnvelopeLength = RecordEnvelope.headerLength + RecordEnvelope.maximumSealedLength

    /// Frames `envelopes` into one body.
    public static func encode(_ envelopes: [[UInt8]]) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(envelopes.reduce(0) { $0 + 4 + $1.count })
        for envelope in envelopes {
            let n = UInt32(envelope.count)
            body += [UInt8(n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n)]
            body += envelope
        }
        return body
    }

    /// Splits a body into envelope byte strings without interpreting them; a frame whose
    /// length runs past the end, an empty frame or too many frames is an error.
    public static func decode(_ body: [UInt8], maximumCount: Int = maximumCount) throws(RecordFormatError) -> [[UInt8]] {
        var reader = ByteReader(body)
        var envelopes: [[UInt8]] = []
        while !reader.isAtEnd {
            guard envelopes.count < maximumCount else { throw .tooLarge("batch of more than \(maximumCount) records") }
            let length = Int(try reader.u32())
            guard length > 0 else { throw .invalidValue("empty frame") }
            guard length <= maximumEnvelopeLength else { throw .tooLarge("frame") }
            guard reader.remaining >= length else { throw .truncated }
            envelopes.append(try reader.raw(length))
        }
        guard !envelopes.isEmpty else { throw .invalidValue("empty batch") }
        return envelopes
    }
}
